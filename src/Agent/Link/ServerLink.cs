using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Reflection;
using Linkwatch.Agent.Net;
using Linkwatch.Agent.Outbox;
using Linkwatch.Agent.Responder;
using Linkwatch.Agent.State;
using Linkwatch.Shared;
using Linkwatch.Shared.Diagnostics;
using Linkwatch.Shared.Protocol;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkwatch.Agent.Link;

/// <summary>
/// The agent's connection to the server: connects (and reconnects forever), announces itself,
/// takes the assignments the server pushes, and streams the outbox, deleting entries only on ack.
/// </summary>
public sealed partial class ServerLink(
    AgentRuntimeOptions options,
    AssignmentStore assignments,
    ResultOutbox outbox,
    EventOutbox events,
    IServiceProvider services,
    ILoggerFactory loggerFactory,
    ILogger<ServerLink> logger) : BackgroundService
{
    /// <summary>How long Hello waits for the responder's listeners to bind, so it can report their ports.</summary>
    private static readonly TimeSpan ResponderBindWait = TimeSpan.FromSeconds(10);
    private readonly FailureStreak _connectFailures = new(TimeSpan.FromMinutes(1));
    private readonly FailureStreak _sendFailures = new(TimeSpan.FromMinutes(1));
    private HubConnection? _connection;
    private readonly Lock _revisionGate = new();
    // The revision of the set applied on this connection; sets are numbered by one server's clock.
    private long _appliedRevision;

    public HubConnectionState State => _connection?.State ?? HubConnectionState.Disconnected;

    public static Uri HubUri(string serverBaseUrl)
    {
        var builder = new UriBuilder(serverBaseUrl.TrimEnd('/') + HubPaths.Agent);
        builder.Scheme = builder.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return builder.Uri;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var handler = HttpHandlers.CreateForServer();
        ServerTrust.Apply(handler, options.Credentials);
        using var invoker = new HttpMessageInvoker(handler);
        var hubUri = HubUri(options.Credentials.Server);
        await using var connection = Build(invoker, hubUri);
        _connection = connection;

        connection.On<AssignmentSet>(nameof(IAgentClient.AssignmentsChanged), ApplyIfNewer);
        connection.Reconnecting += error =>
        {
            ForgetRevision();
            if (stoppingToken.IsCancellationRequested)
                return Task.CompletedTask;
            Log.ConnectionLost(logger, error?.Message ?? "closed");
            return Task.CompletedTask;
        };
        // A close the server asked for (no automatic reconnect) ends here; the loop below starts again.
        connection.Closed += error =>
        {
            if (!stoppingToken.IsCancellationRequested)
                Log.ConnectionLost(logger, error?.Message ?? "closed by the server");
            return Task.CompletedTask;
        };
        connection.Reconnected += async _ =>
        {
            Log.Reconnected(logger, hubUri);
            _connectFailures.Recovered();
            try
            {
                await HelloAsync(connection, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.HelloFailed(logger, ex.Message);
            }
        };

        long attempts = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (connection.State == HubConnectionState.Disconnected)
                {
                    ForgetRevision();
                    await connection.StartAsync(stoppingToken);
                    await HelloAsync(connection, stoppingToken);
                    attempts = 0;
                    _connectFailures.Recovered();
                    Log.Connected(logger, hubUri, options.Credentials.Name);
                }
                if (connection.State != HubConnectionState.Connected)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), stoppingToken);
                    continue;
                }
                await SendPendingAsync(connection, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The first start does not retry by itself; this loop does, forever, like reconnects.
                // Dial failures were logged by the connection factory already.
                if (ex is not (CredentialRefusedException or System.Net.WebSockets.WebSocketException or HttpRequestException))
                    OnConnectFailed(hubUri, ex);
                if (connection.State == HubConnectionState.Connected)
                    await connection.StopAsync(CancellationToken.None);
                await Task.Delay(ForeverRetryPolicy.Delay(++attempts), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        _connection = null;
    }

    private void OnConnectFailed(Uri hubUri, Exception ex)
    {
        if (_connectFailures.ShouldLog(out var suppressed))
            Log.ConnectFailed(logger, hubUri, ex.Message, suppressed);
    }

    private HubConnection Build(HttpMessageInvoker invoker, Uri hubUri)
    {
        var builder = new HubConnectionBuilder();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IConnectionFactory>(new WebSocketConnectionFactory(invoker, options.Credentials.Credential, ex => OnConnectFailed(hubUri, ex)));
        builder.Services.AddSingleton<EndPoint>(new UriEndPoint(hubUri));
        builder.AddJsonProtocol(json => json.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, LinkwatchJsonContext.Default));
        builder.WithAutomaticReconnect(new ForeverRetryPolicy());
        var connection = builder.Build();
        connection.ServerTimeout = HubTimeouts.PeerTimeout;
        connection.KeepAliveInterval = HubTimeouts.KeepAliveInterval;
        return connection;
    }

    /// <summary>
    /// Applies a set unless a newer one was already applied on this connection: the answer to Hello
    /// and a push made after a check changed can arrive in either order.
    /// </summary>
    private void ApplyIfNewer(AssignmentSet set)
    {
        lock (_revisionGate)
        {
            if (set.Revision != 0 && set.Revision <= _appliedRevision)
            {
                Log.StaleAssignments(logger, set.Revision, _appliedRevision);
                return;
            }
            _appliedRevision = set.Revision;
            Log.AssignmentsReceived(logger, set.Checks.Count);
            assignments.Apply(set);
        }
    }

    private void ForgetRevision()
    {
        lock (_revisionGate)
            _appliedRevision = 0;
    }

    private async Task HelloAsync(HubConnection connection, CancellationToken cancellationToken)
    {
        var addresses = LocalAddresses();
        var responder = await ResponderPortsAsync(cancellationToken);
        var hello = new AgentHello
        {
            Version = AgentVersion,
            HostName = System.Net.Dns.GetHostName(),
            Addresses = addresses,
            Responder = responder,
            ResponderAddresses = responder is null ? null : AdvertisedAddresses(addresses),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HubTimeouts.InvocationTimeout);
        var set = await connection.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), hello, timeout.Token);
        ApplyIfNewer(set);
    }

    /// <summary>The responder's bound ports, or null when this agent runs none (or it did not bind in time).</summary>
    private async Task<ResponderPorts?> ResponderPortsAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<ResponderService>() is not { } responder)
            return null;
        try
        {
            var bound = await Task.WhenAll(responder.TcpEchoPort, responder.HalfClosePort, responder.UdpEchoPort,
                responder.CloseAfterPort, responder.HttpHealthPort).WaitAsync(ResponderBindWait, cancellationToken);
            static int? Port(int p) => p > 0 ? p : null;
            return new ResponderPorts
            {
                TcpEcho = Port(bound[0]),
                HalfCloseEcho = Port(bound[1]),
                UdpEcho = Port(bound[2]),
                CloseAfter = Port(bound[3]),
                Http = Port(bound[4]),
            };
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// Where other agents should reach the responder: the configured addresses, else its listen address
    /// when that is a specific one, else the host's non-loopback addresses.
    /// </summary>
    private List<string> AdvertisedAddresses(List<string> localAddresses)
    {
        if (options.AdvertiseAddresses is { Count: > 0 } configured)
            return [.. configured];
        if (options.Responder?.Address is { } listen && !listen.Equals(IPAddress.Any) && !listen.Equals(IPAddress.IPv6Any))
            return [listen.ToString()];
        return localAddresses;
    }

    private async Task SendPendingAsync(HubConnection connection, CancellationToken cancellationToken)
    {
        await SendEventsAsync(connection, cancellationToken);
        var batch = await outbox.PeekAsync(options.SendBatchSize, cancellationToken);
        if (batch.Count == 0)
        {
            await outbox.WaitForNewAsync(TimeSpan.FromSeconds(1), cancellationToken);
            return;
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(HubTimeouts.InvocationTimeout);
            var ack = await connection.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), batch, timeout.Token);
            await outbox.DeleteAsync(ack.Committed.Concat(ack.Rejected), cancellationToken);
            if (ack.Rejected.Count > 0)
                Log.ResultsRejected(logger, ack.Rejected.Count);
            _sendFailures.Recovered();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (_sendFailures.ShouldLog(out var suppressed))
                Log.SendFailed(logger, batch.Count, ex.Message, suppressed);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>Network events go before results: there are few, and they explain the results around them.</summary>
    private async Task SendEventsAsync(HubConnection connection, CancellationToken cancellationToken)
    {
        var batch = await events.PeekAsync(HubLimits.EventBatchSize, cancellationToken);
        if (batch.Count == 0)
            return;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(HubTimeouts.InvocationTimeout);
            var ack = await connection.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitEvents), batch, timeout.Token);
            await events.DeleteAsync(ack.Committed.Concat(ack.Rejected), cancellationToken);
            if (ack.Rejected.Count > 0)
                Log.EventsRejected(logger, ack.Rejected.Count);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // They stay queued; the results behind them still go out.
            if (_sendFailures.ShouldLog(out var suppressed))
                Log.SendEventsFailed(logger, batch.Count, ex.Message, suppressed);
        }
    }

    public static string AgentVersion { get; } =
        typeof(ServerLink).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    private static List<string> LocalAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal)
                .Select(a => a.ToString())
                .Take(32)
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
