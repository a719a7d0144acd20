using System.Reflection;
using Linkwatch.Agent.Outbox;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.Scheduling;
using Linkwatch.Agent.State;
using Linkwatch.Shared.Diagnostics;
using Linkwatch.Shared.Protocol;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Linkwatch.Agent.Link;

/// <summary>
/// The agent's connection to the server: connects (and reconnects forever), announces itself,
/// takes the assignments the server pushes, runs a check on demand ("run now"), and streams the outbox, deleting
/// entries only on ack.
/// </summary>
public sealed partial class ServerLink(
    AgentRuntimeOptions options,
    AssignmentStore assignments,
    ResultOutbox outbox,
    EventOutbox events,
    ICheckRunner runner,
    TimeProvider time,
    IServiceProvider services,
    ILoggerFactory loggerFactory,
    ILogger<ServerLink> logger) : BackgroundService
{
    private readonly HelloBuilder _hello = new(options, services);
    private readonly FailureStreak _connectFailures = new(TimeSpan.FromMinutes(1));
    private readonly FailureStreak _sendFailures = new(TimeSpan.FromMinutes(1));
    private HubConnection? _connection;
    private readonly Lock _revisionGate = new();
    // The revision of the set applied on this connection; sets are numbered by one server's clock.
    private long _appliedRevision;
    // Set once when the server says another process took this identity over; the link then stays down until a restart.
    private volatile bool _superseded;

    public HubConnectionState State => _connection?.State ?? HubConnectionState.Disconnected;

    /// <summary>Whether another process with this agent's credential replaced this one's connection (see <see cref="IAgentClient.Superseded"/>).</summary>
    public bool Superseded => _superseded;

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
        LinkProxy.Apply(handler, options.Credentials.Server, options.Credentials.Proxy);
        using var invoker = new HttpMessageInvoker(handler);
        var hubUri = HubUri(options.Credentials.Server);
        await using var connection = Build(invoker, hubUri);
        _connection = connection;

        Subscribe(connection, hubUri, stoppingToken);

        long attempts = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_superseded)
                {
                    await StayDownAsync(connection, stoppingToken);
                    break;
                }
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
                if (!_superseded && ex is not (CredentialRefusedException or System.Net.WebSockets.WebSocketException or HttpRequestException))
                    OnConnectFailed(hubUri, ex);
                if (connection.State == HubConnectionState.Connected)
                    await connection.StopAsync(CancellationToken.None);
                await Task.Delay(ForeverRetryPolicy.Delay(++attempts), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        _connection = null;
    }

    /// <summary>
    /// Assignment pushes, run-now requests, and the connection's lifecycle: each reconnect forgets the applied revision
    /// and announces the agent again.
    /// </summary>
    private void Subscribe(HubConnection connection, Uri hubUri, CancellationToken stoppingToken)
    {
        connection.On<AssignmentSet>(nameof(IAgentClient.AssignmentsChanged), ApplyIfNewer);
        Func<IReadOnlyList<CheckAssignment>, Task<IReadOnlyList<AgentResult>>> runNow = checks => RunNowAsync(checks, stoppingToken);
        connection.On(nameof(IAgentClient.RunNow), runNow);
        connection.On<string, bool>(nameof(IAgentClient.Superseded), reason => OnSuperseded(hubUri, reason));
        connection.Reconnecting += error =>
        {
            ForgetRevision();
            if (stoppingToken.IsCancellationRequested || _superseded)
                return Task.CompletedTask;
            Log.ConnectionLost(logger, error?.Message ?? "closed");
            return Task.CompletedTask;
        };
        // A close the server asked for (no automatic reconnect) ends here; the loop below starts again.
        connection.Closed += error =>
        {
            if (!stoppingToken.IsCancellationRequested && !_superseded)
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
    }

    /// <summary>
    /// The server replaced this connection with a newer one on the same credential: another process (a copied data
    /// directory, a cloned host) is this agent too. Reconnecting would only take the identity back and start a fight, so
    /// the link stays down, for good: newest-wins cannot tell which copy is the right one, and a retry after any pause
    /// would throw the other copy out in turn. The process keeps running (a supervisor would otherwise restart it into
    /// the fight); restarting it is the operator's way to say "this one". The answer tells the server it stopped; the
    /// server then closes the connection (this side does not, so the answer is not lost).
    /// </summary>
    private Task<bool> OnSuperseded(Uri hubUri, string? reason)
    {
        if (!_superseded)
        {
            _superseded = true;
            var said = string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason.Length > 200 ? reason[..200] : reason;
            Log.SupersededByAnother(logger, hubUri, options.Credentials.Name, said);
        }
        return Task.FromResult(true);
    }

    /// <summary>After <see cref="OnSuperseded"/>: the link is closed (if the server has not closed it yet) and stays closed until the agent stops.</summary>
    private static async Task StayDownAsync(HubConnection connection, CancellationToken stoppingToken)
    {
        if (connection.State != HubConnectionState.Disconnected)
        {
            // The server closes it right after the answer; this is only the fallback.
            await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            await connection.StopAsync(CancellationToken.None);
        }
        await Task.Delay(Timeout.InfiniteTimeSpan, stoppingToken);
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
        builder.WithAutomaticReconnect(new ForeverRetryPolicy(() => _superseded));
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

    /// <summary>
    /// Runs the server's assignments once, all at once, and answers with their results; nothing goes to the outbox. The
    /// runner bounds every probe by its timeout, so the answer comes within about the longest of them.
    /// </summary>
    private async Task<IReadOnlyList<AgentResult>> RunNowAsync(IReadOnlyList<CheckAssignment>? checks, CancellationToken stoppingToken)
    {
        AgentResult[] results;
        try
        {
            results = await AssignmentRun.RunAllAsync(runner, checks ?? [], time, stoppingToken);
        }
        catch (ArgumentException ex)
        {
            Log.RunNowRefused(logger, checks!.Count, HubLimits.MaxRunNowAssignments);
            // The server shows a HubException's message; any other exception's text stays here.
            throw new HubException(ex.Message);
        }
        Log.RanNow(logger, results.Length, string.Join(", ", results.Select(r => r.Outcome.Verdict)));
        return results;
    }

    private void ForgetRevision()
    {
        lock (_revisionGate)
            _appliedRevision = 0;
    }

    private async Task HelloAsync(HubConnection connection, CancellationToken cancellationToken)
    {
        var hello = await _hello.BuildAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HubTimeouts.InvocationTimeout);
        var set = await connection.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), hello, timeout.Token);
        ApplyIfNewer(set);
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
            if (await SubmitAsync(connection, nameof(IAgentHub.SubmitResults), outbox, batch, cancellationToken) is > 0 and var rejected)
                Log.ResultsRejected(logger, rejected);
            _sendFailures.Recovered();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A superseded link fails its last batch when the server closes it; the one error line said why.
            if (!_superseded && _sendFailures.ShouldLog(out var suppressed))
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
            if (await SubmitAsync(connection, nameof(IAgentHub.SubmitEvents), events, batch, cancellationToken) is > 0 and var rejected)
                Log.EventsRejected(logger, rejected);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // They stay queued; the results behind them still go out.
            if (!_superseded && _sendFailures.ShouldLog(out var suppressed))
                Log.SendEventsFailed(logger, batch.Count, ex.Message, suppressed);
        }
    }

    /// <summary>
    /// Submits one batch and deletes what the server acked: committed entries, and rejected (malformed)
    /// ones, which it would reject again. Returns how many were rejected.
    /// </summary>
    private static async Task<int> SubmitAsync<T>(HubConnection connection, string method, Outbox<T> queue,
        IReadOnlyList<T> batch, CancellationToken cancellationToken) where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HubTimeouts.InvocationTimeout);
        var ack = await connection.InvokeAsync<ResultAck>(method, batch, timeout.Token);
        await queue.DeleteAsync(ack.Committed.Concat(ack.Rejected), cancellationToken);
        return ack.Rejected.Count;
    }

    public static string AgentVersion { get; } =
        typeof(ServerLink).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";


}
