using Linkwatch.Server.Agents;
using Linkwatch.Server.Alerts;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Platform.Live;
using Linkwatch.Server.Platform.Store;
using Linkwatch.Server.Platform.Store.Migrations;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Alerts.Engine;

/// <summary>
/// Turns stored results into alerts and notifications. Called from one loop only
/// (<see cref="AlertEngineService"/>, or a test), so its state needs no locks.
/// <para>
/// State: the consecutive counts live in memory per (rule, check, agent) and are rebuilt at start by
/// replaying each series' recent results (<see cref="RestoreAsync"/>); open alerts and recent openings
/// (for flapping) come from the Alerts table. Rebuilding instead of persisting the counts costs one
/// read at start and no write per result, and it cannot drift from the results it was built from.
/// </para>
/// </summary>
public sealed partial class AlertEngine(
    IServiceScopeFactory scopes, INotificationSink sink, LiveEvents live, IOptions<AlertsOptions> options, TimeProvider time,
    AgentConnectionRegistry connections, ILogger<AlertEngine> logger)
{
    /// <summary>How far back <see cref="RestoreAsync"/> replays results, per check.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromHours(1);
    private const int ReplayLimitPerCheck = 2000;

    private readonly Dictionary<(long Rule, long Check), Dictionary<long, SeriesCounter>> _series = [];
    private readonly Dictionary<AlertKey, AlertTrack> _tracks = [];

    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        _series.Clear();
        _tracks.Clear();
        _agentTracks.Clear();
        _offline.Clear();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var rules = await LoadRulesAsync(db, cancellationToken);
        await RestoreAgentsAsync(db, now, cancellationToken);
        if (rules.Count == 0)
            return;

        var openings = now - (long)AlertDefaults.FlapWindow.TotalMilliseconds;
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.State != AlertStates.Resolved || a.OpenedAt >= openings)
            .OrderBy(a => a.OpenedAt).ToListAsync(cancellationToken);
        foreach (var a in alerts)
        {
            if (a.CheckId is not { } checkId)
                continue; // agent-offline alerts: RestoreAgentsAsync
            var track = Track(new AlertKey(a.RuleId, checkId, a.AgentId));
            if (a.OpenedAt >= openings)
                track.Openings.Add(a.OpenedAt);
            if (a.State != AlertStates.Resolved)
            {
                track.AlertId = a.Id;
                track.Flapping = a.Flapping;
                // The replay below starts from "failing", so a series without recent results keeps its alert open.
                if (a.AgentId is { } agent)
                    Counter(a.RuleId, checkId, agent).Triggered = true;
                // Held under an agent-offline alert and never announced: the agent alert's end announces it.
                track.HeldByAgent = a.Suppressed && a.State == AlertStates.Open && a.LastNotifiedAt is null && !a.Flapping;
            }
        }

        var checks = await db.Checks.AsNoTracking().Select(c => new { c.Id, c.Labels }).ToListAsync(cancellationToken);
        await RestoreHeldAsync(db, alerts.Where(a => a.CheckId is not null && a.State == AlertStates.Open && a.LastNotifiedAt is null && !a.Flapping).ToList(),
            checks.ToDictionary(c => c.Id, c => StoredJson.ReadLabels(c.Labels)), cancellationToken);
        var since = now - (long)ReplayWindow.TotalMilliseconds;
        foreach (var check in checks)
        {
            var labels = StoredJson.ReadLabels(check.Labels);
            var matching = rules.Where(r => r.Matches(check.Id, labels)).ToList();
            if (matching.Count == 0)
                continue;
            var recent = await db.Results.AsNoTracking()
                .Where(r => r.CheckId == check.Id && r.StartedAt >= since)
                .OrderByDescending(r => r.StartedAt).Take(ReplayLimitPerCheck)
                .Select(r => new { r.Id, r.AgentId, r.StartedAt, r.Status, r.Verdict, r.Phases })
                .ToListAsync(cancellationToken);
            foreach (var r in Enumerable.Reverse(recent))
            {
                var result = new StoredResult(r.Id, check.Id, r.AgentId, DateTimeOffset.FromUnixTimeMilliseconds(r.StartedAt), r.Status, r.Verdict,
                    r.Phases is null ? null : System.Text.Json.JsonSerializer.Deserialize(r.Phases, LinkwatchJsonContext.Default.DictionaryStringDouble));
                foreach (var rule in matching)
                    Counter(rule.Id, check.Id, r.AgentId).Observe(rule.FailingVerdict(result), r.Id, r.StartedAt, r.Status, r.Verdict,
                        rule.OpenAfterFailures, rule.ResolveAfterSuccesses, now);
            }
        }
        Log.Restored(logger, _tracks.Values.Count(t => t.AlertId is not null), _series.Values.Sum(s => s.Count));
    }

    public async Task ProcessAsync(IReadOnlyList<StoredResult> results, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
        var rules = await LoadRulesAsync(db, cancellationToken);
        Forget(rules);
        if (rules.Count == 0 || results.Count == 0)
            return;

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var checkIds = results.Select(r => r.CheckId).Distinct().ToList();
        var checks = await db.Checks.AsNoTracking().Where(c => checkIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.Labels, c.IntervalSeconds }).ToListAsync(cancellationToken);
        var agentIds = results.Select(r => r.AgentId).Distinct().ToList();
        var agents = await db.Agents.AsNoTracking().Where(a => agentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var silences = await db.Silences.AsNoTracking().Where(s => s.Until > now).ToListAsync(cancellationToken);
        var windows = await LoadWindowsAsync(db, cancellationToken);

        var byId = checks.ToDictionary(c => c.Id, c => new CheckInfo(c.Id, c.Name, StoredJson.ReadLabels(c.Labels), c.IntervalSeconds));
        foreach (var result in results.OrderBy(r => r.StartedAt))
        {
            if (!byId.TryGetValue(result.CheckId, out var check))
                continue;
            foreach (var rule in rules)
            {
                if (!rule.Matches(check.Id, check.Labels))
                    continue;
                var counter = Counter(rule.Id, check.Id, result.AgentId);
                counter.Observe(rule.FailingVerdict(result), result.Id, result.StartedAt.ToUnixTimeMilliseconds(), result.Status, result.Verdict,
                    rule.OpenAfterFailures, rule.ResolveAfterSuccesses, now);
                var key = rule.Quorum > 1 ? new AlertKey(rule.Id, check.Id, null) : new AlertKey(rule.Id, check.Id, result.AgentId);
                var bad = rule.Quorum > 1 ? FailingAgents(rule.Id, check, now).Count >= rule.Quorum : counter.Triggered;
                var context = new StepContext(rule, check, key, key.AgentId is { } id ? agents.GetValueOrDefault(id) : null, counter, silences, windows, now);
                await StepAsync(db, context, bad, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The periodic pass: announces alerts held by a maintenance window that has ended, and reminds about
    /// open, unacknowledged, unsilenced alerts outside maintenance whose last notification is older than the rule's interval.
    /// </summary>
    public async Task RemindAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var windows = await LoadWindowsAsync(db, cancellationToken);
        await ReleaseHeldAsync(db, windows, now, cancellationToken);
        var rules = (await LoadRulesAsync(db, cancellationToken)).Where(r => r.ReminderMinutes > 0).ToDictionary(r => r.Id);
        if (rules.Count == 0)
            return;
        var ruleIds = rules.Keys.ToList();
        var open = await db.Alerts.Where(a => a.State == AlertStates.Open && !a.Flapping && ruleIds.Contains(a.RuleId)).ToListAsync(cancellationToken);
        if (open.Count == 0)
            return;
        var silences = await db.Silences.AsNoTracking().Where(s => s.Until > now).ToListAsync(cancellationToken);
        foreach (var alert in open)
        {
            var rule = rules[alert.RuleId];
            if ((alert.LastNotifiedAt ?? alert.OpenedAt) + rule.ReminderMinutes * 60_000L > now)
                continue;
            var (check, agent) = await DescribeAsync(db, alert, cancellationToken);
            if (alert.CheckId is null)
            {
                if (agent is not null && alert.LastNotifiedAt is not null && !IsSilenced(silences, rule.Id, null, agent)
                    && !ActiveWindow.AnyActiveForAgent(windows, DateTimeOffset.FromUnixTimeMilliseconds(now), agent))
                {
                    alert.LastNotifiedAt = now;
                    await db.SaveChangesAsync(cancellationToken);
                    Notify(NotificationEvents.Reminder, alert, rule, null, agent, now);
                }
                continue;
            }
            // Held under its agent's offline alert: that alert speaks for it.
            if (IsSuppressed(alert.AgentId))
                continue;
            if (check is null || IsSilenced(silences, rule.Id, check.Id, agent)
                || ActiveWindow.AnyActive(windows, DateTimeOffset.FromUnixTimeMilliseconds(now), check.Id, check.Labels, agent))
                continue;
            alert.LastNotifiedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            Notify(NotificationEvents.Reminder, alert, rule, check, agent, now);
        }
    }

    private async Task StepAsync(LinkwatchDbContext db, StepContext c, bool bad, CancellationToken cancellationToken)
    {
        var track = Track(c.Key);
        if (track.AlertId is null)
        {
            if (bad)
                await OpenAsync(db, c, track, cancellationToken);
            return;
        }
        if (track.Flapping)
        {
            track.Run = track.Run > 0 && track.RunBad == bad ? track.Run + 1 : 1;
            track.RunBad = bad;
            var needed = AlertDefaults.FlapStableFactor * (bad ? c.Rule.OpenAfterFailures : c.Rule.ResolveAfterSuccesses);
            if (track.Run >= needed)
                await EndFlappingAsync(db, c, track, bad, cancellationToken);
            return;
        }
        if (!bad)
            await ResolveAsync(db, c, track, cancellationToken);
    }

    private async Task OpenAsync(LinkwatchDbContext db, StepContext c, AlertTrack track, CancellationToken cancellationToken)
    {
        track.ForgetOpeningsBefore(c.Now - (long)AlertDefaults.FlapWindow.TotalMilliseconds);
        track.Openings.Add(c.Now);
        // One down-then-up cycle is one opening: flapping needs more than FlapOpens of them in the window.
        var flapping = track.Openings.Count > AlertDefaults.FlapOpens;
        var silenced = IsSilenced(c.Silences, c.Rule.Id, c.Check.Id, c.AgentName);
        var maintenance = c.InMaintenance;
        var suppressed = IsSuppressed(c.Key.AgentId);
        var notify = !flapping && !silenced && !maintenance && !suppressed;
        var source = c.Key.AgentId is null ? QuorumSource(c) : c.Counter;
        var alert = new Alert
        {
            RuleId = c.Rule.Id,
            CheckId = c.Check.Id,
            AgentId = c.Key.AgentId,
            State = AlertStates.Open,
            OpenedAt = c.Now,
            LastNotifiedAt = notify ? c.Now : null,
            Verdict = source.Verdict,
            Status = source.Status,
            FirstFailingResultId = source.FirstFailingId,
            FirstFailingAt = source.FirstFailingAt,
            Flapping = flapping,
            Suppressed = suppressed,
        };
        db.Alerts.Add(alert);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(alert).State = EntityState.Detached;
        track.AlertId = alert.Id;
        track.Flapping = flapping;
        track.Run = 0;
        // A flapping alert is announced when it settles failing; that path checks maintenance itself.
        track.HeldByMaintenance = maintenance && !flapping;
        track.HeldByAgent = suppressed && !flapping && !silenced;
        Log.Opened(logger, alert.Id, c.Rule.Name, c.Check.Name, c.AgentName, alert.Verdict, flapping, silenced, maintenance);
        if (suppressed)
            Log.SuppressedByAgent(logger, alert.Id, c.AgentName);
        if (notify)
            Notify(NotificationEvents.Opened, alert, c.Rule, c.Check, c.AgentName, c.Now);
        live.Publish(new AlertChanged(alert.Id, alert.CheckId, alert.State));
    }

    private async Task ResolveAsync(LinkwatchDbContext db, StepContext c, AlertTrack track, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == track.AlertId, cancellationToken);
        track.AlertId = null;
        track.HeldByMaintenance = false;
        track.HeldByAgent = false;
        if (alert is null || alert.State == AlertStates.Resolved)
            return;
        // Tell whoever heard of the alert; one nobody was told about (silenced, flapping) closes quietly.
        // An acknowledged alert is still resolved out loud: receivers such as PagerDuty close incidents on it.
        var notify = alert.LastNotifiedAt is not null && !IsSilenced(c.Silences, c.Rule.Id, c.Check.Id, c.AgentName);
        alert.State = AlertStates.Resolved;
        alert.ResolvedAt = c.Now;
        alert.Flapping = false;
        if (notify)
            alert.LastNotifiedAt = c.Now;
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(alert).State = EntityState.Detached;
        Log.Resolved(logger, alert.Id, c.Rule.Name, c.Check.Name, c.AgentName);
        if (notify)
            Notify(NotificationEvents.Resolved, alert.Id, c.Counter.Verdict, Statuses.Up, c.Rule, c.Check, c.AgentName, c.Now);
        live.Publish(new AlertChanged(alert.Id, alert.CheckId, alert.State));
    }

    /// <summary>
    /// A flapping series held one side long enough: failing, the alert is real now and is announced;
    /// passing, the alert (never announced) closes quietly.
    /// </summary>
    private async Task EndFlappingAsync(LinkwatchDbContext db, StepContext c, AlertTrack track, bool bad, CancellationToken cancellationToken)
    {
        track.Flapping = false;
        track.Run = 0;
        Log.FlappingEnded(logger, track.AlertId!.Value, bad);
        if (!bad)
        {
            await ResolveAsync(db, c, track, cancellationToken);
            return;
        }
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == track.AlertId, cancellationToken);
        if (alert is null)
            return;
        alert.Flapping = false;
        var maintenance = c.InMaintenance;
        var suppressed = IsSuppressed(c.Key.AgentId);
        var silenced = IsSilenced(c.Silences, c.Rule.Id, c.Check.Id, c.AgentName);
        track.HeldByMaintenance = maintenance && alert.State == AlertStates.Open;
        track.HeldByAgent = suppressed && alert.State == AlertStates.Open && !silenced;
        if (suppressed)
            alert.Suppressed = true;
        var notify = alert.State == AlertStates.Open && !silenced && !maintenance && !suppressed;
        if (notify)
            alert.LastNotifiedAt = c.Now;
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(alert).State = EntityState.Detached;
        if (notify)
            Notify(NotificationEvents.Opened, alert, c.Rule, c.Check, c.AgentName, c.Now);
        live.Publish(new AlertChanged(alert.Id, alert.CheckId, alert.State));
    }

    private void Notify(string @event, Alert alert, CompiledRule rule, CheckInfo? check, string? agent, long now) =>
        Notify(@event, alert.Id, alert.Verdict, alert.Status, rule, check, agent, now);

    /// <summary>Queues a notification to the rule's channels; <paramref name="check"/> is null for an agent-offline alert.</summary>
    private void Notify(string @event, long alertId, string verdict, string status, CompiledRule rule, CheckInfo? check, string? agent, long now)
    {
        var url = options.Value.PublicUrl is { } root ? $"{root.TrimEnd('/')}/alerts/{alertId}" : null;
        sink.Enqueue(new NotificationRequest(rule.Channels, new Notification(
            @event, alertId, rule.Name, check?.Id, check?.Name, agent, verdict, status, DateTimeOffset.FromUnixTimeMilliseconds(now), url)));
    }

    /// <summary>
    /// Agents of a quorum rule whose series is triggered and still reporting: an agent that stopped sending
    /// (offline, check reassigned) must not hold a quorum alert open forever.
    /// </summary>
    private List<SeriesCounter> FailingAgents(long ruleId, CheckInfo check, long now)
    {
        var staleBefore = now - (3L * check.IntervalSeconds * 1000 + 30_000);
        return _series.TryGetValue((ruleId, check.Id), out var agents)
            ? [.. agents.Values.Where(a => a.Triggered && a.LastSeenAt >= staleBefore)]
            : [];
    }

    /// <summary>A quorum alert reports the earliest first failure among its failing agents.</summary>
    private SeriesCounter QuorumSource(StepContext c) =>
        FailingAgents(c.Rule.Id, c.Check, c.Now).OrderBy(a => a.FirstFailingAt ?? long.MaxValue).FirstOrDefault() ?? c.Counter;

    /// <summary>
    /// Alerts held by maintenance whose windows have all ended: still open and unacknowledged, they are
    /// announced now, once; resolved, acknowledged or silenced meanwhile, they are let go without a word.
    /// </summary>
    private async Task ReleaseHeldAsync(LinkwatchDbContext db, List<ActiveWindow> windows, long now, CancellationToken cancellationToken)
    {
        var held = _tracks.Where(t => t.Value.HeldByMaintenance && t.Value.AlertId is not null).ToList();
        if (held.Count == 0)
            return;
        var rules = (await LoadRulesAsync(db, cancellationToken)).ToDictionary(r => r.Id);
        var silences = await db.Silences.AsNoTracking().Where(s => s.Until > now).ToListAsync(cancellationToken);
        foreach (var (key, track) in held)
        {
            var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == track.AlertId, cancellationToken);
            if (alert is null || alert.State != AlertStates.Open || !rules.TryGetValue(key.RuleId, out var rule))
            {
                track.HeldByMaintenance = false;
                continue;
            }
            var (check, agent) = await DescribeAsync(db, alert, cancellationToken);
            if (check is null)
                continue;
            if (ActiveWindow.AnyActive(windows, DateTimeOffset.FromUnixTimeMilliseconds(now), check.Id, check.Labels, agent))
                continue;
            // Also held under its agent's offline alert: the end of that alert announces it.
            if (IsSuppressed(alert.AgentId))
                continue;
            track.HeldByMaintenance = false;
            if (IsSilenced(silences, rule.Id, check.Id, agent))
                continue;
            alert.LastNotifiedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            Log.MaintenanceEnded(logger, alert.Id, rule.Name, check.Name, agent);
            Notify(NotificationEvents.Opened, alert, rule, check, agent, now);
        }
    }

    /// <summary>
    /// After a restart: an open alert nobody was told of, opened while a window covering it was active, is
    /// held again, so the end of that window still announces it.
    /// </summary>
    private async Task RestoreHeldAsync(LinkwatchDbContext db, List<Alert> untold, Dictionary<long, Dictionary<string, string>> labels, CancellationToken cancellationToken)
    {
        if (untold.Count == 0)
            return;
        var windows = await LoadWindowsAsync(db, cancellationToken);
        if (windows.Count == 0)
            return;
        var agentIds = untold.Where(a => a.AgentId is not null).Select(a => a.AgentId!.Value).Distinct().ToList();
        var agents = await db.Agents.AsNoTracking().Where(a => agentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        foreach (var alert in untold)
        {
            var agent = alert.AgentId is { } id ? agents.GetValueOrDefault(id) : null;
            if (alert.CheckId is { } checkId && ActiveWindow.AnyActive(windows, DateTimeOffset.FromUnixTimeMilliseconds(alert.OpenedAt), checkId,
                    labels.GetValueOrDefault(checkId) ?? [], agent))
                Track(new AlertKey(alert.RuleId, checkId, alert.AgentId)).HeldByMaintenance = true;
        }
    }

    private static async Task<(CheckInfo? Check, string? Agent)> DescribeAsync(LinkwatchDbContext db, Alert alert, CancellationToken cancellationToken)
    {
        var row = await db.Checks.AsNoTracking().Where(c => c.Id == alert.CheckId)
            .Select(c => new { c.Id, c.Name, c.Labels, c.IntervalSeconds }).FirstOrDefaultAsync(cancellationToken);
        var agent = alert.AgentId is { } id ? await db.Agents.AsNoTracking().Where(a => a.Id == id).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken) : null;
        return (row is null ? null : new CheckInfo(row.Id, row.Name, StoredJson.ReadLabels(row.Labels), row.IntervalSeconds), agent);
    }

    private static async Task<List<ActiveWindow>> LoadWindowsAsync(LinkwatchDbContext db, CancellationToken cancellationToken) =>
        (await db.MaintenanceWindows.AsNoTracking().ToListAsync(cancellationToken)).Select(w => new ActiveWindow(w)).ToList();

    /// <summary>Whether a silence mutes the alert; <paramref name="checkId"/> null (an agent alert) matches only silences without a check.</summary>
    public static bool IsSilenced(IEnumerable<Silence> silences, long ruleId, long? checkId, string? agentName) =>
        silences.Any(s => (s.RuleId is null || s.RuleId == ruleId)
            && (s.CheckId is null || s.CheckId == checkId)
            && (s.AgentName is null || s.AgentName == agentName));

    private static async Task<List<CompiledRule>> LoadRulesAsync(LinkwatchDbContext db, CancellationToken cancellationToken) =>
        (await db.AlertRules.AsNoTracking().Where(r => r.Enabled).OrderBy(r => r.Id).ToListAsync(cancellationToken)).Select(CompiledRule.From).ToList();

    /// <summary>Drops the memory of rules that were deleted or disabled.</summary>
    private void Forget(List<CompiledRule> rules)
    {
        var kept = rules.Select(r => r.Id).ToHashSet();
        foreach (var key in _series.Keys.Where(k => !kept.Contains(k.Rule)).ToList())
            _series.Remove(key);
        foreach (var key in _tracks.Keys.Where(k => !kept.Contains(k.RuleId)).ToList())
            _tracks.Remove(key);
    }

    private SeriesCounter Counter(long ruleId, long checkId, long agentId)
    {
        if (!_series.TryGetValue((ruleId, checkId), out var agents))
            _series[(ruleId, checkId)] = agents = [];
        if (!agents.TryGetValue(agentId, out var counter))
            agents[agentId] = counter = new SeriesCounter();
        return counter;
    }

    private AlertTrack Track(AlertKey key)
    {
        if (!_tracks.TryGetValue(key, out var track))
            _tracks[key] = track = new AlertTrack();
        return track;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Alert engine restored {OpenAlerts} open alerts and {Series} series", EventName = "AlertEngineRestored")]
        public static partial void Restored(ILogger logger, int openAlerts, int series);

        [LoggerMessage(2, LogLevel.Information, "Alert {AlertId} opened by rule {Rule}: check {Check}, agent {Agent}, {Verdict} (flapping {Flapping}, silenced {Silenced}, maintenance {Maintenance})", EventName = "AlertOpened")]
        public static partial void Opened(ILogger logger, long alertId, string rule, string check, string? agent, string verdict, bool flapping, bool silenced, bool maintenance);

        [LoggerMessage(3, LogLevel.Information, "Alert {AlertId} resolved (rule {Rule}, check {Check}, agent {Agent})", EventName = "AlertResolved")]
        public static partial void Resolved(ILogger logger, long alertId, string rule, string check, string? agent);

        [LoggerMessage(4, LogLevel.Information, "Alert {AlertId} stopped flapping (still failing: {Failing})", EventName = "AlertFlappingEnded")]
        public static partial void FlappingEnded(ILogger logger, long alertId, bool failing);

        [LoggerMessage(6, LogLevel.Information, "Alert {AlertId} (agent {Agent}) opened while its agent's offline alert is open: held under it", EventName = "AlertSuppressedByAgent")]
        public static partial void SuppressedByAgent(ILogger logger, long alertId, string? agent);

        [LoggerMessage(5, LogLevel.Information, "Alert {AlertId} (rule {Rule}, check {Check}, agent {Agent}) is still open after its maintenance window; announcing it", EventName = "AlertMaintenanceEnded")]
        public static partial void MaintenanceEnded(ILogger logger, long alertId, string rule, string check, string? agent);
    }
}
