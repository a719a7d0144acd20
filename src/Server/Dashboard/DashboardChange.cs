using Linkwatch.Server.Platform.Store.Migrations;

namespace Linkwatch.Server.Dashboard;

/// <summary>
/// One coalesced push: which checks got new results, which agents went online or offline, which
/// agents reported network events, and which alerts opened, resolved or were acknowledged since the
/// previous push. It names what changed, not the new state, so the page re-reads the state it shows
/// from the server and can never drift from what a reload would render.
/// </summary>
public sealed record DashboardChange(IReadOnlyList<long> Checks, IReadOnlyList<string> Agents, IReadOnlyList<string> Events, IReadOnlyList<long> Alerts);
