using System.Collections.Concurrent;
using System.Net;
using Linkwatch.Server.Platform.Limits;
using Microsoft.AspNetCore.SignalR;

namespace Linkwatch.Server.Agents;

/// <summary>
/// Hands an agent identity over from its replaced connection to the newest one. The replaced connection is told it is
/// superseded and aborted after its answer (or after <see cref="AnswerTimeout"/>). An answer is the proof that two
/// processes share the identity: an agent that restarted, or reconnected over a flapping network, has already given its
/// old connection up and never answers on it, so only a real conflict is reported: one warning and one
/// <c>identity_conflict</c> event per streak. A current agent stops at the message, so the newest process keeps the
/// identity and the fight ends at the first replacement; an older agent answers with an error and is only aborted, as before.
/// </summary>
public sealed partial class IdentityGuard(
    IHubContext<AgentHub> hub,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<IdentityGuard> logger)
{
    /// <summary>
    /// How long the replaced connection has to answer. A live agent answers within a round trip; a half-dead
    /// connection (a crashed or restarted agent, a dropped path) never does and is aborted once this passes.
    /// </summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(3);

    public const string Reason = "another process connected with this agent's credential";

    // One per agent that ever had a conflict: bounded by the enrolled agents.
    private readonly ConcurrentDictionary<long, Streak> _streaks = new();

    /// <summary>Starts the hand-over of <paramref name="previous"/>; never throws and does not wait for the answer.</summary>
    public void Supersede(AgentConnectionRegistry.AgentConnection previous, HubCallerContext current) =>
        _ = HandOverAsync(previous, RemoteOf(current), lifetime.ApplicationStopping);

    private async Task HandOverAsync(AgentConnectionRegistry.AgentConnection previous, string currentRemote, CancellationToken stopping)
    {
        var replacedRemote = RemoteOf(previous.Context);
        bool? stopped = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping, previous.Context.ConnectionAborted);
            timeout.CancelAfter(AnswerTimeout);
            try
            {
                stopped = await hub.Clients.Client(previous.ConnectionId).InvokeAsync<bool>(nameof(IAgentClient.Superseded), Reason, timeout.Token);
            }
            catch (HubException) when (!timeout.IsCancellationRequested)
            {
                // An agent without the method answers "didn't provide a result": alive, so a conflict all the same.
                stopped = false;
            }
            catch (Exception ex) when (ex is OperationCanceledException or HubException or IOException or InvalidOperationException)
            {
                // No answer (SignalR reports a canceled client result as a HubException) or the connection closed meanwhile:
                // the replaced side was no longer there.
                stopped = null;
            }
        }
        finally
        {
            previous.Context.Abort();
        }
        if (stopped is { } didStop)
            await ReportAsync(previous, replacedRemote, currentRemote, didStop);
        else
            Log.Gone(logger, previous.AgentName, previous.ConnectionId);
    }

    private async Task ReportAsync(AgentConnectionRegistry.AgentConnection previous, string replacedRemote, string currentRemote, bool stopped)
    {
        if (!_streaks.GetOrAdd(previous.AgentId, static _ => new Streak()).Hit(time))
            return;
        var outcome = stopped ? "it stopped" : "it does not know how to stop (an older agent) and may keep reconnecting";
        Log.Conflict(logger, previous.AgentName, replacedRemote, currentRemote, outcome);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<NetworkEventStore>();
            await store.RecordAsync(previous.AgentId, previous.AgentName, new NetworkEvent
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                At = time.GetUtcNow(),
                Kind = NetworkEventKinds.IdentityConflict,
                Detail = $"the connection from {replacedRemote} was replaced by one from {currentRemote}; {outcome}",
            }, lifetime.ApplicationStopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.RecordFailed(logger, previous.AgentName, ex.Message);
        }
    }

    private static string RemoteOf(HubCallerContext context)
    {
        var connection = context.GetHttpContext()?.Connection;
        return connection?.RemoteIpAddress is { } address ? new IPEndPoint(address, connection.RemotePort).ToString() : "an unknown address";
    }
}
