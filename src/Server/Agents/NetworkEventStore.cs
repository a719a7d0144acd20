using Linkwatch.Shared.Protocol;

namespace Linkwatch.Server.Agents;

/// <summary>
/// Stores agents' network events, each id once. Events are rare next to results (a handful per
/// host per day, rate-limited by the agent), so they take the plain EF path instead of the ingest queue.
/// </summary>
public sealed class NetworkEventStore(LinkwatchDbContext db, LiveEvents live, TimeProvider time)
{
    public async Task<ResultAck> SubmitAsync(long agentId, string agentName, IReadOnlyList<NetworkEvent>? events, CancellationToken cancellationToken)
    {
        var accepted = new List<NetworkEvent>();
        var rejected = new List<Guid>();
        // Events past the limit are neither committed nor rejected: the agent still holds them and resends.
        foreach (var e in (events ?? []).Take(HubLimits.MaxEventsPerCall))
        {
            if (NetworkEventRules.IsWellFormed(e))
                accepted.Add(e);
            else if (e is not null)
                rejected.Add(e.Id);
        }
        // One id twice in a batch is stored once.
        accepted = accepted.DistinctBy(e => e.Id).ToList();
        if (accepted.Count == 0)
            return new ResultAck { Rejected = rejected };

        var ids = accepted.Select(e => e.Id).ToList();
        var known = (await db.NetworkEvents.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var fresh = accepted.Where(e => !known.Contains(e.Id)).ToList();
        db.NetworkEvents.AddRange(fresh.Select(e => NetworkEventRules.ToRow(e, agentId, now)));
        await db.SaveChangesAsync(cancellationToken);
        if (fresh.Count > 0)
            live.Publish(new NetworkEventsStored(agentId, agentName, fresh.Count));
        return new ResultAck { Committed = ids, Rejected = rejected };
    }

    /// <summary>Stores an event the server observed about the agent itself (not subject to the agent's rules).</summary>
    public async Task RecordAsync(long agentId, string agentName, NetworkEvent e, CancellationToken cancellationToken)
    {
        db.NetworkEvents.Add(NetworkEventRules.ToRow(e, agentId, time.GetUtcNow().ToUnixTimeMilliseconds()));
        await db.SaveChangesAsync(cancellationToken);
        live.Publish(new NetworkEventsStored(agentId, agentName, 1));
    }
}
