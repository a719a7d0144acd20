namespace Linkwatch.Server.Alerts.Engine;

/// <summary>Rebuilding the engine's memory at start, from the Alerts table and each series' recent results.</summary>
public sealed partial class AlertEngine
{
    /// <summary>How far back <see cref="RestoreAsync"/> replays results, per check.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromHours(1);
    private const int ReplayLimitPerCheck = 2000;

    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        _memory.Clear();
        await using var repository = AlertRepository.Open(scopes);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var rules = await RulesAsync(repository, cancellationToken);
        await RestoreAgentsAsync(repository, now, cancellationToken);
        if (rules.Count == 0)
            return;

        var openings = now - (long)AlertDefaults.FlapWindow.TotalMilliseconds;
        var alerts = await repository.RecentAlertsAsync(openings, cancellationToken);
        foreach (var alert in alerts.Where(a => a.CheckId is not null))
            RestoreTrack(alert, openings);
        var checks = await repository.ChecksAsync(null, cancellationToken);
        await RestoreHeldAsync(repository, alerts.Where(a => a.CheckId is not null && IsUntold(a)).ToList(), checks, cancellationToken);
        var since = now - (long)ReplayWindow.TotalMilliseconds;
        foreach (var check in checks.Values)
        {
            var matching = rules.Where(r => r.Matches(check.Id, check.Labels)).ToList();
            if (matching.Count == 0)
                continue;
            foreach (var result in await repository.RecentResultsAsync(check.Id, since, ReplayLimitPerCheck, cancellationToken))
                foreach (var rule in matching)
                    _memory.Counter(rule.Id, check.Id, result.AgentId).Observe(rule, result, now);
        }
        Log.Restored(logger, _memory.OpenAlerts, _memory.Series);
    }

    /// <summary>Open, and nobody was told of it: it was held (maintenance, an offline agent) when it opened.</summary>
    private static bool IsUntold(Alert alert) => alert.IsOpen && !alert.WasAnnounced && !alert.Flapping;

    /// <summary>One check alert from the table: a recent opening counts towards flapping; an unresolved one is open again.</summary>
    private void RestoreTrack(Alert alert, long openings)
    {
        var checkId = alert.CheckId!.Value;
        var track = _memory.Track(new AlertKey(alert.RuleId, checkId, alert.AgentId));
        if (alert.OpenedAt >= openings)
            track.Openings.Add(alert.OpenedAt);
        if (alert.IsResolved)
            return;
        track.IsOpen = true;
        track.AlertId = alert.Id;
        track.Flapping = alert.Flapping;
        // The replay starts from "failing", so a series without recent results keeps its alert open.
        if (alert.AgentId is { } agent)
            _memory.Counter(alert.RuleId, checkId, agent).Triggered = true;
        // Held under an agent-offline alert and never announced: the agent alert's end announces it.
        track.HeldByAgent = alert.Suppressed && IsUntold(alert);
    }

    /// <summary>
    /// After a restart: an open alert nobody was told of, opened while a window covering it was active, is
    /// held again, so the end of that window still announces it.
    /// </summary>
    private async Task RestoreHeldAsync(AlertRepository repository, List<Alert> untold, Dictionary<long, CheckInfo> checks, CancellationToken cancellationToken)
    {
        if (untold.Count == 0)
            return;
        var windows = await repository.WindowsAsync(cancellationToken);
        if (windows.Count == 0)
            return;
        var agents = await repository.AgentNamesAsync(untold.Select(a => a.AgentId), cancellationToken);
        foreach (var alert in untold)
        {
            var checkId = alert.CheckId!.Value;
            var agent = alert.AgentId is { } id ? agents.GetValueOrDefault(id) : null;
            var labels = checks.GetValueOrDefault(checkId)?.Labels ?? new Dictionary<string, string>();
            if (ActiveWindow.AnyActive(windows, DateTimeOffset.FromUnixTimeMilliseconds(alert.OpenedAt), checkId, labels, agent))
                _memory.Track(new AlertKey(alert.RuleId, checkId, alert.AgentId)).HeldByMaintenance = true;
        }
    }

    /// <summary>
    /// At start: agents that have been seen but are not connected count as offline from now (how long they were
    /// down before the restart is unknown to the engine); open agent alerts are tracked again.
    /// </summary>
    private async Task RestoreAgentsAsync(AlertRepository repository, long now, CancellationToken cancellationToken)
    {
        foreach (var id in (await repository.SeenAgentIdsAsync(cancellationToken)).Where(id => !connections.IsOnline(id)))
            _memory.Offline.TryAdd(id, now);
        var open = await repository.OpenAgentAlertsAsync(cancellationToken);
        if (open.Count == 0)
            return;
        var windows = await repository.WindowsAsync(cancellationToken);
        var names = await repository.AgentNamesAsync(open.Select(a => a.AgentId), cancellationToken);
        foreach (var alert in open)
        {
            var held = alert.IsOpen && !alert.WasAnnounced && names.TryGetValue(alert.AgentId!.Value, out var name)
                && ActiveWindow.AnyActiveForAgent(windows, DateTimeOffset.FromUnixTimeMilliseconds(alert.OpenedAt), name);
            _memory.AgentTracks[(alert.RuleId, alert.AgentId!.Value)] = new AgentAlertTrack { AlertId = alert.Id, HeldByMaintenance = held };
        }
    }
}
