using System.Net;
using Linkwatch.Agent;
using Linkwatch.Agent.Responder;
using Linkwatch.Agent.State;
using Linkwatch.Server.Agents;
using Linkwatch.Server.Platform.Health;
using Linkwatch.Server.Platform.Options;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Agents.Embedded;

/// <summary>
/// Runs the embedded local agent: the agent's own worker in its own host inside the server
/// process, connected to this server over loopback like any remote agent, with its state under
/// <c>Storage:DataDir</c>. It waits until the server listens and the schema is migrated.
/// </summary>
internal sealed partial class EmbeddedAgentService(
    IOptions<EmbeddedAgentOptions> options,
    IOptions<StorageOptions> storage,
    IServer server,
    IHostApplicationLifetime lifetime,
    Readiness readiness,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    ILogger<EmbeddedAgentService> logger) : BackgroundService
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
            return;
        try
        {
            await WhenStartedAsync(stoppingToken);
            await readiness.WhenReady.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server stopped before it ever listened (a port in use, say): nothing to run.
            return;
        }

        var serverUrl = LocalServerUrl.Find(server);
        if (serverUrl is null)
        {
            Log.NoAddress(logger);
            return;
        }
        var responderAddress = IPAddress.Parse(settings.ResponderAddress.Trim('[', ']'));
        var responderHost = ReachableHost(responderAddress);
        var credential = await EnrollAsync(settings, serverUrl, responderHost, stoppingToken);
        var runtime = new AgentRuntimeOptions
        {
            DataDirectory = Path.Combine(Path.GetFullPath(storage.Value.DataDir), "embedded-agent"),
            Credentials = new AgentCredentials { Server = serverUrl, Name = settings.Name, Credential = credential },
            Responder = settings.Responder ? ResponderOptions.Embedded(responderAddress) : null,
            // Other agents reach its responder where it listens (loopback unless configured otherwise).
            AdvertiseAddresses = [responderHost.Trim('[', ']')],
        };
        await RunAsync(runtime, settings.Name, serverUrl, stoppingToken);
    }

    /// <summary>Where other agents reach a responder bound to <paramref name="address"/>: loopback for a wildcard bind.</summary>
    private static string ReachableHost(IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            ? "127.0.0.1"
            : address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    /// <summary>Registers (or re-keys) the embedded agent and its demo checks; returns its fresh credential.</summary>
    private async Task<string> EnrollAsync(EmbeddedAgentOptions settings, string serverUrl, string responderHost, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // Its label marks it on first start only: labels an admin set since then are kept.
        var known = await db.Agents.AnyAsync(a => a.Name == settings.Name, cancellationToken);
        var issued = await AgentEnrollment.IssueAsync(db, settings.Name,
            known ? null : new Dictionary<string, string> { ["embedded"] = "true" }, null, now, cancellationToken);
        if (settings.DemoChecks)
            await DemoChecks.EnsureAsync(db, settings.Name, serverUrl, responderHost, now, cancellationToken);
        return issued.Credential;
    }

    private async Task RunAsync(AgentRuntimeOptions runtime, string name, string serverUrl, CancellationToken stoppingToken)
    {
        using var host = AgentHost.Build(runtime, logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));
            // The server reports its own lifetime; the inner host's would be printed twice.
            logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.None);
        }, ownsProcess: false);
        await host.StartAsync(stoppingToken);
        Log.Started(logger, name, serverUrl);
        // The hub closes every connection as soon as the server starts stopping, before hosted services
        // stop: leave then, rather than have the agent warn about a lost server and try to reconnect.
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, leaving.Token);
        }
        catch (OperationCanceledException)
        {
        }
        using var stop = new CancellationTokenSource(StopTimeout);
        await host.StopAsync(stop.Token);
    }

    private Task WhenStartedAsync(CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStarted.IsCancellationRequested)
            return Task.CompletedTask;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(cancellationToken);
    }
}
