using Linkwatch.Server.Notifications;
using Linkwatch.Server.Platform.Live;
using Linkwatch.Server.Platform.Store;

namespace Linkwatch.Server.Alerts.Engine;

/// <summary>
/// Agent-offline rules. <see cref="AgentStatusAsync"/> records when an agent went offline (or came back);
/// <see cref="CheckAgentsAsync"/>, run every <see cref="AlertEngineService.AgentPeriod"/>, opens an alert for an agent
/// offline longer than a rule's <c>OfflineAfterSeconds</c> and resolves it once the agent is connected again.
/// While an agent has an open agent-offline alert its check alerts are suppressed: they open (marked
/// <see cref="Alert.Suppressed"/>) but do not notify, and reminders skip them; when the agent alert resolves, those
/// still open are announced once, and those resolved meanwhile are let go quietly. Quorum alerts (no agent) are never suppressed.
/// </summary>
public sealed partial class AlertEngine
{
    /// <summary>Agents known to be offline: since when (server time, unix ms), by agent id.</summary>
    private readonly Dictionary<long, long> _offline = [];
    /// <summary>Open agent-offline alerts by (rule, agent).</summary>
    private readonly Dictionary<(long Rule, long Agent), AgentAlertTrack> _agentTracks = [];

    private sealed class AgentAlertTrack(long alertId)
    {
        public long AlertId { get; } = alertId;
        /// <summary>Opened inside a maintenance window and not announced: announced once the window ends, if still open.</summary>
        public bool HeldByMaintenance { get; set; }
    }

    /// <summary>The agent has an open (or acknowledged) agent-offline alert: its check alerts are held under it.</summary>
    public bool IsSuppressed(long? agentId) => agentId is { } id && _agentTracks.Keys.Any(k => k.Agent == id);

    /// <summary>An agent connected or disconnected (<see cref="AgentStatusChanged"/> from the agent hub).</summary>
    public async Task AgentStatusAsync(AgentStatusChanged status, CancellationToken cancellationToken)
    {
        if (status.Online)
        {
            _offline.Remove(status.AgentId);
            if (_agentTracks.Keys.Any(k => k.Agent == status.AgentId))
                await CheckAgentsAsync(cancellationToken);
        }
        else
        {
            _offline.TryAdd(status.AgentId, status.At.ToUnixTimeMilliseconds());
        }
    }

    /// <summary>
    /// The agent pass: opens alerts for agents offline past their rules' grace, resolves those of agents that are
    /// back (or whose rule is gone), announces agent alerts whose maintenance ended, and releases the check alerts
    /// held under agent alerts that resolved.
    /// </summary>
    public async Task CheckAgentsAsync(CancellationToken cancellationToken)
    {
        foreach (var id in _offline.Keys.Where(connections.IsOnline).ToList())
            _offline.Remove(id);
        if (_offline.Count == 0 && _agentTracks.Count == 0)
            return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var rules = (await LoadRulesAsync(db, cancellationToken)).Where(r => r.AgentOffline).ToDictionary(r => r.Id);
        var ids = _offline.Keys.Concat(_agentTracks.Keys.Select(k => k.Agent)).Distinct().ToList();
        var agents = (await db.Agents.AsNoTracking().Where(a => ids.Contains(a.Id) && !a.Revoked)
            .Select(a => new { a.Id, a.Name, a.Labels }).ToListAsync(cancellationToken))
            .ToDictionary(a => a.Id, a => (a.Name, Labels: StoredJson.ReadLabels(a.Labels)));
        // Deleted or revoked agents are not "offline": they are gone, and nobody is waiting for them.
        foreach (var id in _offline.Keys.Where(id => !agents.ContainsKey(id)).ToList())
            _offline.Remove(id);
        var silences = await db.Silences.AsNoTracking().Where(s => s.Until > now).ToListAsync(cancellationToken);
        var windows = await LoadWindowsAsync(db, cancellationToken);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(now);
        var released = new HashSet<long>();

        foreach (var (key, track) in _agentTracks.ToList())
        {
            var still = _offline.ContainsKey(key.Agent) && rules.TryGetValue(key.Rule, out var rule)
                && agents.TryGetValue(key.Agent, out var agent) && rule.MatchesAgent(agent.Name, agent.Labels);
            if (!still)
            {
                await ResolveAgentAsync(db, key, track, rules.GetValueOrDefault(key.Rule), agents.TryGetValue(key.Agent, out var a) ? a.Name : null,
                    silences, now, cancellationToken);
                released.Add(key.Agent);
            }
            else if (track.HeldByMaintenance && !ActiveWindow.AnyActiveForAgent(windows, at, agents[key.Agent].Name))
            {
                track.HeldByMaintenance = false;
                var alert = await db.Alerts.FirstOrDefaultAsync(x => x.Id == track.AlertId, cancellationToken);
                if (alert is { State: AlertStates.Open } && !IsSilenced(silences, key.Rule, null, agents[key.Agent].Name))
                {
                    alert.LastNotifiedAt = now;
                    await db.SaveChangesAsync(cancellationToken);
                    Notify(NotificationEvents.Opened, alert, rules[key.Rule], null, agents[key.Agent].Name, now);
                }
            }
        }

        foreach (var (agentId, since) in _offline)
        {
            var (name, labels) = agents[agentId];
            foreach (var rule in rules.Values)
            {
                if (_agentTracks.ContainsKey((rule.Id, agentId)) || !rule.MatchesAgent(name, labels)
                    || now - since < rule.OfflineAfterSeconds * 1000L)
                    continue;
                var silenced = IsSilenced(silences, rule.Id, null, name);
                var maintenance = ActiveWindow.AnyActiveForAgent(windows, at, name);
                var notify = !silenced && !maintenance;
                var alert = new Alert
                {
                    RuleId = rule.Id,
                    CheckId = null,
                    AgentId = agentId,
                    State = AlertStates.Open,
                    OpenedAt = now,
                    LastNotifiedAt = notify ? now : null,
                    Verdict = AlertDefaults.AgentOfflineVerdict,
                    Status = Statuses.Down,
                    FirstFailingAt = since,
                };
                db.Alerts.Add(alert);
                await db.SaveChangesAsync(cancellationToken);
                db.Entry(alert).State = EntityState.Detached;
                _agentTracks[(rule.Id, agentId)] = new AgentAlertTrack(alert.Id) { HeldByMaintenance = maintenance && !silenced };
                Log.AgentOfflineOpened(logger, alert.Id, rule.Name, name, silenced, maintenance);
                if (notify)
                    Notify(NotificationEvents.Opened, alert, rule, null, name, now);
                live.Publish(new AlertChanged(alert.Id, null, alert.State));
                await MarkSuppressedAsync(db, agentId, cancellationToken);
            }
        }

        foreach (var agentId in released.Where(id => !IsSuppressed(id)))
            await ReleaseSuppressedAsync(db, agentId, agents.TryGetValue(agentId, out var a) ? a.Name : null, silences, windows, now, cancellationToken);
    }

    private async Task ResolveAgentAsync(LinkwatchDbContext db, (long Rule, long Agent) key, AgentAlertTrack track, CompiledRule? rule,
        string? agentName, List<Silence> silences, long now, CancellationToken cancellationToken)
    {
        _agentTracks.Remove(key);
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == track.AlertId, cancellationToken);
        if (alert is null || alert.State == AlertStates.Resolved)
            return;
        // As for check alerts: told of the opening, told of the end; a deleted rule has nobody to tell.
        var notify = rule is not null && alert.LastNotifiedAt is not null && !IsSilenced(silences, rule.Id, null, agentName);
        alert.State = AlertStates.Resolved;
        alert.ResolvedAt = now;
        if (notify)
            alert.LastNotifiedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(alert).State = EntityState.Detached;
        Log.AgentOfflineResolved(logger, alert.Id, agentName);
        if (notify)
            Notify(NotificationEvents.Resolved, alert.Id, alert.Verdict, Statuses.Up, rule!, null, agentName, now);
        live.Publish(new AlertChanged(alert.Id, null, alert.State));
    }

    /// <summary>The agent alert opened: the agent's open check alerts are marked as held under it (reminders skip them).</summary>
    private async Task MarkSuppressedAsync(LinkwatchDbContext db, long agentId, CancellationToken cancellationToken)
    {
        var open = await db.Alerts.Where(a => a.AgentId == agentId && a.CheckId != null && a.State != AlertStates.Resolved && !a.Suppressed)
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
            return;
        foreach (var a in open)
            a.Suppressed = true;
        await db.SaveChangesAsync(cancellationToken);
        foreach (var a in open)
        {
            db.Entry(a).State = EntityState.Detached;
            live.Publish(new AlertChanged(a.Id, a.CheckId, a.State));
        }
    }

    /// <summary>
    /// The agent's last agent-offline alert resolved: its check alerts are no longer suppressed. Those held
    /// (opened unannounced because of the agent alert) and still open are announced now, once, unless a silence
    /// or a maintenance window (which then holds them) covers them; those resolved meanwhile stay quiet.
    /// </summary>
    private async Task ReleaseSuppressedAsync(LinkwatchDbContext db, long agentId, string? agentName, List<Silence> silences,
        List<ActiveWindow> windows, long now, CancellationToken cancellationToken)
    {
        var held = await db.Alerts.Where(a => a.AgentId == agentId && a.CheckId != null && a.State != AlertStates.Resolved && a.Suppressed)
            .ToListAsync(cancellationToken);
        var rules = (await LoadRulesAsync(db, cancellationToken)).ToDictionary(r => r.Id);
        foreach (var alert in held)
        {
            alert.Suppressed = false;
            var key = new AlertKey(alert.RuleId, alert.CheckId!.Value, agentId);
            var track = _tracks.GetValueOrDefault(key);
            if (track is null || !track.HeldByAgent || track.AlertId != alert.Id)
                continue;
            track.HeldByAgent = false;
            var (check, _) = await DescribeAsync(db, alert, cancellationToken);
            if (check is null || !rules.TryGetValue(alert.RuleId, out var rule) || alert.State != AlertStates.Open || alert.Flapping
                || IsSilenced(silences, rule.Id, check.Id, agentName))
                continue;
            if (ActiveWindow.AnyActive(windows, DateTimeOffset.FromUnixTimeMilliseconds(now), check.Id, check.Labels, agentName))
            {
                track.HeldByMaintenance = true;
                continue;
            }
            track.HeldByMaintenance = false;
            alert.LastNotifiedAt = now;
            Log.AgentReleased(logger, alert.Id, rule.Name, check.Name, agentName);
            Notify(NotificationEvents.Opened, alert, rule, check, agentName, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var alert in held)
            live.Publish(new AlertChanged(alert.Id, alert.CheckId, alert.State));
    }

    /// <summary>
    /// At start: agents that have been seen but are not connected count as offline from now (how long they were
    /// down before the restart is unknown to the engine); open agent alerts are tracked again.
    /// </summary>
    private async Task RestoreAgentsAsync(LinkwatchDbContext db, long now, CancellationToken cancellationToken)
    {
        var seen = await db.Agents.AsNoTracking().Where(a => a.LastSeen != null && !a.Revoked).Select(a => a.Id).ToListAsync(cancellationToken);
        foreach (var id in seen.Where(id => !connections.IsOnline(id)))
            _offline.TryAdd(id, now);
        var open = await db.Alerts.AsNoTracking().Where(a => a.CheckId == null && a.AgentId != null && a.State != AlertStates.Resolved)
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
            return;
        var windows = await LoadWindowsAsync(db, cancellationToken);
        var agentIds = open.Select(a => a.AgentId!.Value).Distinct().ToList();
        var names = await db.Agents.AsNoTracking().Where(a => agentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        foreach (var a in open)
        {
            var held = a.State == AlertStates.Open && a.LastNotifiedAt is null && names.TryGetValue(a.AgentId!.Value, out var name)
                && ActiveWindow.AnyActiveForAgent(windows, DateTimeOffset.FromUnixTimeMilliseconds(a.OpenedAt), name);
            _agentTracks[(a.RuleId, a.AgentId!.Value)] = new AgentAlertTrack(a.Id) { HeldByMaintenance = held };
        }
    }

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Information, "Alert {AlertId} opened by rule {Rule}: agent {Agent} is offline (silenced {Silenced}, maintenance {Maintenance})", EventName = "AgentOfflineAlertOpened")]
        public static partial void AgentOfflineOpened(ILogger logger, long alertId, string rule, string agent, bool silenced, bool maintenance);

        [LoggerMessage(11, LogLevel.Information, "Alert {AlertId} resolved: agent {Agent} is connected again (or no rule watches it any more)", EventName = "AgentOfflineAlertResolved")]
        public static partial void AgentOfflineResolved(ILogger logger, long alertId, string? agent);

        [LoggerMessage(12, LogLevel.Information, "Alert {AlertId} (rule {Rule}, check {Check}, agent {Agent}) is still open after its agent's offline alert; announcing it", EventName = "AlertReleasedByAgent")]
        public static partial void AgentReleased(ILogger logger, long alertId, string rule, string check, string? agent);
    }
}
