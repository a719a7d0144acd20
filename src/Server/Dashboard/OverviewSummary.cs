namespace Linkwatch.Server.Dashboard;

/// <summary>The counts at the top of the overview.</summary>
public sealed record OverviewSummary(int Up, int Degraded, int Down, int Waiting, int AgentsOnline, int Agents)
{
    public static OverviewSummary From(IReadOnlyList<AgentView> agents, IReadOnlyList<CheckGroup> checks)
    {
        var rows = checks.SelectMany(c => c.Rows).ToList();
        return new OverviewSummary(
            rows.Count(r => r.Status == Statuses.Up),
            rows.Count(r => r.Status == Statuses.Degraded),
            rows.Count(r => r.Status == Statuses.Down),
            rows.Count(r => r.Status == StatusNames.Waiting),
            agents.Count(a => a.Online),
            agents.Count);
    }
}
