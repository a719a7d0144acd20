namespace Linkwatch.Server.Dashboard;

public sealed record OverviewModel(IReadOnlyList<AgentView> Agents, IReadOnlyList<CheckGroup> Checks, OverviewSummary Summary);
