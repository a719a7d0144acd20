using Linkwatch.Server.Agents;
using Linkwatch.Server.Notifications;

namespace Linkwatch.Server.Alerts.Engine;

/// <summary>
/// Turns stored results into alerts and notifications. Called from one loop only
/// (<see cref="AlertEngineService"/>, or a test), so its state needs no locks.
/// <para>
/// Each pass reads what it needs through an <see cref="AlertRepository"/>, lets the <see cref="AlertEvaluator"/> decide
/// every transition against the in-memory <see cref="AlertMemory"/>, applies it to the stored <see cref="Alert"/>, saves
/// once, and only then has the <see cref="AlertAnnouncer"/> tell anyone.
/// </para>
/// <para>
/// State: the consecutive counts live in memory per (rule, check, agent) and are rebuilt at start by
/// replaying each series' recent results (<see cref="RestoreAsync"/>); open alerts and recent openings
/// (for flapping) come from the Alerts table. Rebuilding instead of persisting the counts costs one
/// read at start and no write per result, and it cannot drift from the results it was built from.
/// </para>
/// </summary>
public sealed partial class AlertEngine(
    IServiceScopeFactory scopes, AlertRuleCache rules, AlertAnnouncer announcer, TimeProvider time,
    AgentConnectionRegistry connections, ILogger<AlertEngine> logger)
{
    private readonly AlertMemory _memory = new();
    /// <summary>The rule list the memory was last pruned against: a new list means rules changed.</summary>
    private IReadOnlyList<CompiledRule>? _known;

    /// <summary>The agent has an open (or acknowledged) agent-offline alert: its check alerts are held under it.</summary>
    public bool IsSuppressed(long? agentId) => _memory.IsSuppressed(agentId);

    /// <summary>Whether a silence mutes the alert; <paramref name="checkId"/> null (an agent alert) matches only silences without a check.</summary>
    public static bool IsSilenced(IEnumerable<Silence> silences, long ruleId, long? checkId, string? agentName) =>
        silences.Any(s => (s.RuleId is null || s.RuleId == ruleId)
            && (s.CheckId is null || s.CheckId == checkId)
            && (s.AgentName is null || s.AgentName == agentName));

    public async Task ProcessAsync(IReadOnlyList<StoredResult> results, CancellationToken cancellationToken)
    {
        // Parents' states follow every result, rules or not, so a rule added later starts from the truth.
        var (recovered, fell) = ObserveParents(results);
        await using var repository = AlertRepository.Open(scopes);
        var rules = await RulesAsync(repository, cancellationToken);
        if (rules.Count == 0 || results.Count == 0)
            return;
        announcer.Begin();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var checkIds = results.Select(r => r.CheckId).ToHashSet();
        var pass = new AlertPass(await repository.SilencesAsync(now, cancellationToken), await repository.WindowsAsync(cancellationToken), now)
        {
            Checks = await repository.ChecksAsync(checkIds, cancellationToken),
            AgentNames = await repository.AgentNamesAsync(results.Select(r => (long?)r.AgentId), cancellationToken),
            Alerts = await repository.AlertsAsync(_memory.OpenAlertIds(checkIds), cancellationToken),
        };
        await LearnParentsAsync(repository, pass.Checks.Values, cancellationToken);
        foreach (var result in results.OrderBy(r => r.StartedAt))
        {
            if (!pass.Checks.TryGetValue(result.CheckId, out var check))
                continue;
            foreach (var rule in rules.Where(r => r.Matches(check.Id, check.Labels)))
                Step(repository, pass, rule, check, result);
        }
        await FollowParentsAsync(repository, pass, recovered, fell, cancellationToken);
        await FinishAsync(repository, pass, cancellationToken);
    }

    /// <summary>
    /// The periodic pass: announces alerts held by a maintenance window that has ended, and reminds about
    /// open, unacknowledged, unsilenced alerts outside maintenance whose last notification is older than the rule's interval.
    /// </summary>
    public async Task RemindAsync(CancellationToken cancellationToken)
    {
        await using var repository = AlertRepository.Open(scopes);
        announcer.Begin();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var pass = new AlertPass(await repository.SilencesAsync(now, cancellationToken), await repository.WindowsAsync(cancellationToken), now);
        var byId = (await RulesAsync(repository, cancellationToken)).ToDictionary(r => r.Id);
        await ReleaseHeldAsync(repository, pass, byId, cancellationToken);
        await RemindOpenAsync(repository, pass, byId, cancellationToken);
        await FinishAsync(repository, pass, cancellationToken);
    }

    /// <summary>One result, seen by one matching rule.</summary>
    private void Step(AlertRepository repository, AlertPass pass, CompiledRule rule, CheckInfo check, StoredResult result)
    {
        var counter = _memory.Counter(rule.Id, check.Id, result.AgentId);
        counter.Observe(rule, result, pass.Now);
        var key = AlertKey.For(rule, check.Id, result.AgentId);
        var failing = AlertEvaluator.IsFailing(rule, counter.Triggered, rule.Quorum > 1 ? _memory.FailingAgents(rule.Id, check, pass.Now).Count : 0);
        var agent = key.AgentId is { } id ? pass.AgentNames.GetValueOrDefault(id) : null;
        var suppressed = IsHeld(check, key.AgentId);
        var cover = new Lazy<Cover>(() => pass.CheckCover(rule.Id, check, agent, suppressed));
        var track = _memory.Track(key);
        var alert = pass.AlertOf(track);
        var decision = AlertEvaluator.Evaluate(rule, track, alert, failing, pass.Now, () => cover.Value);
        switch (decision.Transition)
        {
            case AlertTransition.Open:
                var source = key.AgentId is null ? _memory.QuorumSource(rule.Id, check, pass.Now) ?? counter : counter;
                Open(repository, pass, new AlertSubject(rule, check, key.AgentId, agent), track, source, decision.Announce, cover.Value);
                break;
            case AlertTransition.Resolve:
                if (alert!.Flapping)
                    pass.AfterSave(() => Log.FlappingEnded(logger, alert.Id, false));
                Resolve(pass, new AlertSubject(rule, check, key.AgentId, agent), alert, decision.Announce, counter.Verdict);
                break;
            case AlertTransition.StopFlapping:
                StopFlapping(pass, new AlertSubject(rule, check, key.AgentId, agent), alert!, decision.Announce, suppressed);
                break;
        }
    }

    private void Open(AlertRepository repository, AlertPass pass, AlertSubject s, AlertTrack track, SeriesCounter source, bool announce, Cover cover)
    {
        var alert = Alert.Open(s.Rule.Id, s.Check!.Id, s.AgentId, source.Verdict, source.Status, pass.Now, announce);
        alert.FirstFailingResultId = source.FirstFailingId;
        alert.FirstFailingAt = source.FirstFailingAt;
        alert.Flapping = track.Flapping;
        alert.Suppressed = cover.HeldByAgent;
        repository.Add(alert);
        pass.Opened(track, alert);
        var (verdict, flapping) = (alert.Verdict, alert.Flapping);
        pass.AfterSave(() =>
        {
            Log.Opened(logger, alert.Id, s.Rule.Name, s.Check.Name, s.Agent, verdict, flapping, cover.Silenced, cover.Maintenance);
            if (cover.HeldByAgent && _memory.IsSuppressed(s.AgentId))
                Log.SuppressedByAgent(logger, alert.Id, s.Agent);
            else if (cover.HeldByAgent)
                Log.SuppressedByParent(logger, alert.Id, s.Check.Name, s.Agent);
        });
        Tell(NotificationEvents.Opened, announce ? AlertOutcome.Announce : AlertOutcome.Quiet, alert, s, pass.Now);
    }

    private void Resolve(AlertPass pass, AlertSubject s, Alert alert, bool announce, string verdict)
    {
        var outcome = alert.Resolve(pass.Now, announce);
        if (outcome is AlertOutcome.Refused)
            return;
        pass.AfterSave(() =>
        {
            if (s.Check is { } check)
                Log.Resolved(logger, alert.Id, s.Rule.Name, check.Name, s.Agent);
            else
                Log.AgentOfflineResolved(logger, alert.Id, s.Agent);
        });
        Tell(NotificationEvents.Resolved, outcome, alert, s, pass.Now, verdict, Statuses.Up);
    }

    private void StopFlapping(AlertPass pass, AlertSubject s, Alert alert, bool announce, bool suppressed)
    {
        var outcome = alert.StopFlapping(pass.Now, announce, suppressed);
        if (outcome is AlertOutcome.Refused)
            return;
        pass.AfterSave(() => Log.FlappingEnded(logger, alert.Id, true));
        Tell(NotificationEvents.Opened, outcome, alert, s, pass.Now);
    }

    /// <summary>Queues the notification a transition asks for, and the live change every transition is.</summary>
    private void Tell(string @event, AlertOutcome outcome, Alert alert, AlertSubject s, long now, string? verdict = null, string? status = null)
    {
        if (outcome is AlertOutcome.Announce)
            announcer.Notify(@event, alert, s.Rule, s.Check, s.Agent, now, verdict, status);
        announcer.Changed(alert);
    }

    /// <summary>
    /// Alerts held by maintenance whose windows have all ended: still open and unacknowledged, they are
    /// announced now, once; resolved, acknowledged or silenced meanwhile, they are let go without a word.
    /// </summary>
    private async Task ReleaseHeldAsync(AlertRepository repository, AlertPass pass, Dictionary<long, CompiledRule> byId, CancellationToken cancellationToken)
    {
        var held = _memory.HeldByMaintenance();
        if (held.Count == 0)
            return;
        var alerts = await repository.AlertsAsync(held.Select(h => h.Value.AlertId!.Value), cancellationToken);
        var checks = await repository.ChecksAsync(held.Select(h => h.Key.CheckId), cancellationToken);
        var agents = await repository.AgentNamesAsync(held.Select(h => h.Key.AgentId), cancellationToken);
        foreach (var (key, track) in held)
        {
            var alert = alerts.GetValueOrDefault(track.AlertId!.Value);
            var rule = byId.GetValueOrDefault(key.RuleId);
            var check = checks.GetValueOrDefault(key.CheckId);
            var agent = key.AgentId is { } id ? agents.GetValueOrDefault(id) : null;
            var decision = AlertEvaluator.ReleaseHeld(track, alert, rule is not null, check is not null,
                () => pass.CheckCover(key.RuleId, check!, agent, IsHeld(check!, key.AgentId)));
            if (decision.Announce && alert!.MarkAnnounced(pass.Now) is AlertOutcome.Announce)
            {
                pass.AfterSave(() => Log.MaintenanceEnded(logger, alert.Id, rule!.Name, check!.Name, agent));
                announcer.Notify(NotificationEvents.Opened, alert, rule!, check, agent, pass.Now);
            }
        }
    }

    private async Task RemindOpenAsync(AlertRepository repository, AlertPass pass, Dictionary<long, CompiledRule> byId, CancellationToken cancellationToken)
    {
        var ruleIds = byId.Values.Where(r => r.ReminderMinutes > 0).Select(r => r.Id).ToList();
        if (ruleIds.Count == 0)
            return;
        var open = await repository.RemindableAsync(ruleIds, cancellationToken);
        if (open.Count == 0)
            return;
        var checks = await repository.ChecksAsync(open.Where(a => a.CheckId is not null).Select(a => a.CheckId!.Value), cancellationToken);
        var agents = await repository.AgentNamesAsync(open.Select(a => a.AgentId), cancellationToken);
        foreach (var alert in open)
        {
            var rule = byId[alert.RuleId];
            var check = alert.CheckId is { } checkId ? checks.GetValueOrDefault(checkId) : null;
            var agent = alert.AgentId is { } agentId ? agents.GetValueOrDefault(agentId) : null;
            // What it is about is gone (a deleted check, an agent alert's deleted agent): nothing to remind of.
            if (alert.CheckId is null ? agent is null : check is null)
                continue;
            Cover Cover() => check is null ? pass.AgentCover(rule.Id, agent) : pass.CheckCover(rule.Id, check, agent, IsHeld(check, alert.AgentId));
            if (AlertEvaluator.Remind(rule, alert, pass.Now, Cover).Announce && alert.MarkAnnounced(pass.Now) is AlertOutcome.Announce)
                announcer.Notify(NotificationEvents.Reminder, alert, rule, check, agent, pass.Now);
        }
    }

    /// <summary>The end of every pass: one save, then what waited for it, then the news.</summary>
    private async Task FinishAsync(AlertRepository repository, AlertPass pass, CancellationToken cancellationToken)
    {
        await repository.SaveAsync(cancellationToken);
        pass.Saved();
        announcer.Send();
    }

    /// <summary>The enabled rules, from the cache; when they changed, the memory of rules that are gone is dropped.</summary>
    private async Task<IReadOnlyList<CompiledRule>> RulesAsync(AlertRepository repository, CancellationToken cancellationToken)
    {
        var current = await rules.GetAsync(repository.LoadRulesAsync, cancellationToken);
        if (!ReferenceEquals(current, _known))
        {
            _memory.Forget(current);
            _known = current;
        }
        return current;
    }

    /// <summary>What an alert is about, for notifications and logs: <see cref="Check"/> is null for an agent-offline alert.</summary>
    private sealed record AlertSubject(CompiledRule Rule, CheckInfo? Check, long? AgentId, string? Agent);
}
