using Linkwatch.Server.Agents;

namespace Linkwatch.Server.Results.Ingest;

/// <summary>
/// Whom a result may come from: an agent is trusted for its own assignments only. A result is refused when its check
/// does not run on that agent, when it names a mesh peer the check does not aim at (or none where it must), or when
/// its <c>startedAt</c> lies more than <see cref="MaxAhead"/> after the server's clock (a wrong clock would make it
/// "newest" for good) or before raw retention (it would be deleted at once, and could never have been newest).
/// </summary>
public sealed class AssignmentTrust(IReadOnlyDictionary<long, Check> checks, IReadOnlyDictionary<long, string> agentNames, DateTimeOffset now, int rawRetentionDays)
{
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(5);

    public static async Task<AssignmentTrust> LoadAsync(
        LinkwatchDbContext db, IEnumerable<IngestBatch> batches, DateTimeOffset now, int rawRetentionDays, CancellationToken cancellationToken)
    {
        var checkIds = batches.SelectMany(b => b.Results).Select(r => r.CheckId).Distinct().ToList();
        var agentIds = batches.Select(b => b.AgentId).Distinct().ToList();
        var checks = await db.Checks.AsNoTracking().Where(c => checkIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var names = await db.Agents.AsNoTracking().Where(a => agentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        return new AssignmentTrust(checks, names, now, rawRetentionDays);
    }

    /// <summary>Why <paramref name="result"/> from <paramref name="agentId"/> is refused; null when it is trusted.</summary>
    public string? Refusal(AgentResult result, long agentId)
    {
        if (!checks.TryGetValue(result.CheckId, out var check))
            return "unknown check";
        if (!agentNames.TryGetValue(agentId, out var agent) || !AssignmentBuilder.AppliesTo(check, agent))
            return "check not assigned to this agent";
        var peer = string.IsNullOrEmpty(result.Peer) ? null : result.Peer;
        if (AssignmentBuilder.IsMesh(check))
        {
            if (peer is null || peer == agent || (check.Target != AssignmentBuilder.MeshAll && check.Target != "@" + peer))
                return "mesh peer outside the check's targets";
        }
        else if (peer is not null)
            return "a peer on a check that is not a mesh check";
        if (result.StartedAt > now + MaxAhead)
            return "startedAt is in the future";
        if (result.StartedAt < now.AddDays(-rawRetentionDays))
            return "startedAt is older than raw retention";
        return null;
    }
}
