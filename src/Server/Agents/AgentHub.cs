using Linkwatch.Shared.Protocol;
using Linkwatch.Server.Platform.Limits;
using Linkwatch.Server.Results.Ingest;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Linkwatch.Server.Agents;

/// <summary>
/// <c>/hubs/agent</c>: agents announce themselves, receive assignments and stream results.
/// Authentication happened before the hub runs; everything here is about one agent identity.
/// </summary>
[Authorize(Policy = AuthPolicies.Agent)]
public sealed partial class AgentHub(
    AgentConnectionRegistry registry,
    IngestQueue ingest,
    LinkwatchDbContext db,
    AssignmentPublisher publisher,
    NetworkEventStore eventStore,
    LiveEvents live,
    AgentRateLimiter limiter,
    IdentityGuard identity,
    TimeProvider time,
    ILogger<AgentHub> logger) : Hub<IAgentClient>, IAgentHub
{
    private const int MaxAddresses = 64;
    private const int MaxShortText = 100;

    public override async Task OnConnectedAsync()
    {
        var (agentId, name) = Context.User.GetAgent();
        if (registry.Register(agentId, name, Context) is { } previous)
        {
            Log.Replaced(logger, name, previous.ConnectionId);
            // Told it is superseded, then aborted; reported when it answers (two processes on one identity).
            identity.Supersede(previous, Context);
        }
        DateTimeOffset now;
        try
        {
            // Revocation may have happened between authentication and registration.
            var revoked = await db.Agents.Where(a => a.Id == agentId).Select(a => (bool?)a.Revoked).FirstOrDefaultAsync(Context.ConnectionAborted);
            if (revoked is not false)
            {
                registry.Unregister(agentId, Context.ConnectionId);
                Context.Abort();
                return;
            }
            now = time.GetUtcNow();
            await db.Agents.Where(a => a.Id == agentId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastSeen, now.ToUnixTimeMilliseconds()), Context.ConnectionAborted);
        }
        catch
        {
            // A connection that fails here (aborted by a revocation meanwhile) never gets OnDisconnectedAsync:
            // without this it would stay registered, and the agent "online", for good.
            registry.Unregister(agentId, Context.ConnectionId);
            throw;
        }
        Log.Connected(logger, name, Context.ConnectionId);
        live.Publish(new AgentStatusChanged(agentId, name, true, now));
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var (agentId, name) = Context.User.GetAgent();
        // A replaced connection ends after its successor registered: it must not mark the agent offline.
        if (!registry.Unregister(agentId, Context.ConnectionId))
            return;
        var now = time.GetUtcNow();
        await db.Agents.Where(a => a.Id == agentId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastSeen, now.ToUnixTimeMilliseconds()), CancellationToken.None);
        Log.Disconnected(logger, name, Context.ConnectionId);
        live.Publish(new AgentStatusChanged(agentId, name, false, now));
    }

    public async Task<AssignmentSet> Hello(AgentHello hello)
    {
        var (agentId, name) = Context.User.GetAgent();
        // Each Hello is answered with a whole assignment set (and may move this agent's mesh target for others):
        // one per interval per agent, however often it reconnects or asks.
        await limiter.HelloAsync(agentId, name, Context.ConnectionAborted);
        var version = Truncate(hello?.Version);
        var addresses = StoredJson.WriteList((hello?.Addresses ?? []).Where(a => !string.IsNullOrEmpty(a)).Take(MaxAddresses).Select(a => Truncate(a)!));
        // Without ports there is nothing to point other agents at, so the addresses are dropped too.
        var ports = hello?.Responder;
        var responderAddresses = ports is null ? null : StoredJson.WriteList((hello?.ResponderAddresses ?? [])
            .Where(a => !string.IsNullOrEmpty(a) && a.Length <= MaxShortText && !a.Any(char.IsWhiteSpace)).Distinct().Take(MaxAddresses));
        var responderPorts = StoredJson.WriteResponderPorts(ports);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var before = await db.Agents.AsNoTracking().Where(a => a.Id == agentId)
            .Select(a => new { a.ResponderAddresses, a.ResponderPorts }).FirstOrDefaultAsync(Context.ConnectionAborted);
        await db.Agents.Where(a => a.Id == agentId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Version, version)
            .SetProperty(a => a.Addresses, addresses)
            .SetProperty(a => a.ResponderAddresses, responderAddresses)
            .SetProperty(a => a.ResponderPorts, responderPorts)
            .SetProperty(a => a.LastSeen, now), Context.ConnectionAborted);
        var revision = AssignmentBuilder.NextRevision();
        var checks = await AssignmentBuilder.LoadEnabledAsync(db, Context.ConnectionAborted);
        var peers = await AssignmentBuilder.LoadPeersAsync(db, Context.ConnectionAborted);
        // Other agents' mesh checks aim at this agent's responder: tell them where it is now.
        if (before is not null && (before.ResponderAddresses != responderAddresses || before.ResponderPorts != responderPorts))
        {
            Log.MeshTargetChanged(logger, name);
            await publisher.PublishMeshAsync(name, Context.ConnectionAborted);
        }
        return AssignmentBuilder.Build(name, checks, peers, revision);
    }

    public async Task<ResultAck> SubmitEvents(IReadOnlyList<NetworkEvent> events)
    {
        var (agentId, name) = Context.User.GetAgent();
        // The ack comes when the events fit the agent's rate; the agent sends its next batch after it.
        await limiter.EventsAsync(agentId, name, Math.Min(events?.Count ?? 0, HubLimits.MaxEventsPerCall), Context.ConnectionAborted);
        return await eventStore.SubmitAsync(agentId, name, events, Context.ConnectionAborted);
    }

    public async Task<ResultAck> SubmitResults(IReadOnlyList<AgentResult> results)
    {
        var (agentId, name) = Context.User.GetAgent();
        results ??= [];
        // Back-pressure, not refusal: over its rate, the agent's ack comes later and its outbox holds the rest meanwhile.
        await limiter.ResultsAsync(agentId, name, Math.Min(results.Count, HubLimits.MaxResultsPerCall), Context.ConnectionAborted);
        var accepted = new List<AgentResult>(Math.Min(results.Count, HubLimits.MaxResultsPerCall));
        var rejected = new List<Guid>();
        // Results past the limit are neither committed nor rejected: the agent still holds them and resends.
        foreach (var r in results.Take(HubLimits.MaxResultsPerCall))
        {
            if (ResultRules.IsWellFormed(r))
                accepted.Add(r);
            else if (r is not null)
                rejected.Add(r.Id);
        }
        var ack = await ingest.SubmitAsync(agentId, accepted, Context.ConnectionAborted);
        return rejected.Count == 0 ? ack : ack with { Rejected = [.. ack.Rejected, .. rejected] };
    }

    private static string? Truncate(string? value) => value is { Length: > MaxShortText } ? value[..MaxShortText] : value;
}
