using System.Text.Json;
using Linkwatch.Server.Store;

namespace Linkwatch.Server.Hubs;

/// <summary>Which checks an agent runs: enabled checks for every agent or naming it.</summary>
public static class AssignmentBuilder
{
    public static Task<List<Check>> LoadEnabledAsync(LinkwatchDbContext db, CancellationToken cancellationToken) =>
        db.Checks.AsNoTracking().Where(c => c.Enabled).OrderBy(c => c.Id).ToListAsync(cancellationToken);

    public static AssignmentSet Build(string agentName, IEnumerable<Check> enabledChecks) => new()
    {
        AgentName = agentName,
        Checks = [.. enabledChecks
            // Mesh targets (@all, @NAME) need per-agent expansion into responder addresses: not yet.
            .Where(c => !c.Target.StartsWith('@'))
            .Where(c => AppliesTo(c, agentName))
            .Select(ToAssignment)],
    };

    public static bool AppliesTo(Check check, string agentName)
    {
        var agents = StoredJson.ReadList(check.Agents);
        return agents.Count == 0 || agents.Contains(agentName, StringComparer.Ordinal);
    }

    private static CheckAssignment ToAssignment(Check c) => new()
    {
        CheckId = c.Id,
        Name = c.Name,
        Kind = c.Kind,
        Target = c.Target,
        IntervalSeconds = c.IntervalSeconds,
        TimeoutSeconds = c.TimeoutSeconds,
        Family = c.Family,
        Options = StoredJson.ReadOptions(c.Options) is { Count: > 0 } o ? o : null,
    };
}
