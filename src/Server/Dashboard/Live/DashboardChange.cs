namespace Linkwatch.Server.Dashboard.Live;

/// <summary>
/// One coalesced update: which checks got new results, which agents went online or offline, which
/// agents reported network events, and which alerts opened, resolved or were acknowledged since the
/// previous update. It names what changed, not the new state, so a page re-reads what it shows
/// through its query service and never drifts from what a reload would render.
/// </summary>
public sealed record DashboardChange(
    IReadOnlySet<long> Checks, IReadOnlySet<string> Agents, IReadOnlySet<string> Events, IReadOnlySet<long> Alerts)
{
    public bool IsEmpty => Checks.Count == 0 && Agents.Count == 0 && Events.Count == 0 && Alerts.Count == 0;

    /// <summary>Folds a batch of live events into one change.</summary>
    public static DashboardChange From(IEnumerable<LiveEvent> events)
    {
        var checks = new HashSet<long>();
        var agents = new HashSet<string>(StringComparer.Ordinal);
        var networkEvents = new HashSet<string>(StringComparer.Ordinal);
        var alerts = new HashSet<long>();
        foreach (var e in events)
        {
            switch (e)
            {
                case ChecksChanged changed:
                    checks.UnionWith(changed.CheckIds);
                    break;
                case ResultsStored stored:
                    foreach (var r in stored.Results)
                        checks.Add(r.CheckId);
                    break;
                case AgentStatusChanged status:
                    agents.Add(status.Name);
                    break;
                case NetworkEventsStored stored:
                    networkEvents.Add(stored.Name);
                    break;
                case AlertChanged alert:
                    alerts.Add(alert.AlertId);
                    if (alert.CheckId is { } checkId)
                        checks.Add(checkId);
                    break;
            }
        }
        return new DashboardChange(checks, agents, networkEvents, alerts);
    }
}
