namespace Linkwatch.Server.Dashboard;

/// <summary>
/// One coalesced push: which checks got new results and which agents went online or offline since the
/// previous push, and which alerts opened, resolved or were acknowledged. It names what changed, not the new state, so the page re-reads the state it shows
/// from the server and can never drift from what a reload would render.
/// </summary>
public sealed record DashboardChange(IReadOnlyList<long> Checks, IReadOnlyList<string> Agents, IReadOnlyList<long> Alerts);
