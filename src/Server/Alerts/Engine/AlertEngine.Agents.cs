using Linkwatch.Server.Notifications;

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
    /// <summary>An agent connected or disconnected (<see cref="AgentStatusChanged"/> from the agent hub).</summary>
    public async Task AgentStatusAsync(AgentStatusChanged status, CancellationToken cancellationToken)
    {
        if (status.Online)
        {
            _memory.Offline.Remove(status.AgentId);
            if (_memory.AgentTracks.Keys.Any(k => k.Agent == status.AgentId))
                await CheckAgentsAsync(cancellationToken);
        }
        else
        {
            _memory.Offline.TryAdd(status.AgentId, status.At.ToUnixTimeMilliseconds());
        }
    }

    /// <summary>
    /// The agent pass: opens alerts for agents offline past their rules' grace, resolves those of agents that are
    /// back (or whose rule is gone), announces agent alerts whose maintenance ended, and releases the check alerts
    /// held under agent alerts that resolved.
    /// </summary>
    public async Task CheckAgentsAsync(CancellationToken cancellationToken)
    {
        var offline = _memory.Offline;
        foreach (var id in offline.Keys.Where(connections.IsOnline).ToList())
            offline.Remove(id);
        if (offline.Count == 0 && _memory.AgentTracks.Count == 0)
            return;
        await using var repository = AlertRepository.Open(scopes);
        announcer.Begin();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var byId = (await RulesAsync(repository, cancellationToken)).Where(r => r.AgentOffline).ToDictionary(r => r.Id);
        var agents = await repository.ActiveAgentsAsync(offline.Keys.Concat(_memory.AgentTracks.Keys.Select(k => k.Agent)), cancellationToken);
        // Deleted or revoked agents are not "offline": they are gone, and nobody is waiting for them.
        foreach (var id in offline.Keys.Where(id => !agents.ContainsKey(id)).ToList())
            offline.Remove(id);
        var pass = new AlertPass(await repository.SilencesAsync(now, cancellationToken), await repository.WindowsAsync(cancellationToken), now)
        {
            Alerts = await repository.AlertsAsync(_memory.AgentTracks.Values.Select(t => t.AlertId), cancellationToken),
        };
        var released = UpdateAgentAlerts(pass, byId, agents);
        foreach (var (agentId, since) in offline)
            await OpenAgentAlertsAsync(repository, pass, byId.Values, agentId, agents[agentId], since, cancellationToken);
        foreach (var agentId in released.Where(id => !IsSuppressed(id)))
            await ReleaseSuppressedAsync(repository, pass, agentId, agents.GetValueOrDefault(agentId)?.Name, cancellationToken);
        await FinishAsync(repository, pass, cancellationToken);
    }

    /// <summary>Resolves the agent alerts whose agent is back (or unwatched), and announces those whose maintenance ended; returns the agents released.</summary>
    private HashSet<long> UpdateAgentAlerts(AlertPass pass, Dictionary<long, CompiledRule> byId, Dictionary<long, AgentInfo> agents)
    {
        var released = new HashSet<long>();
        foreach (var (key, track) in _memory.AgentTracks.ToList())
        {
            var rule = byId.GetValueOrDefault(key.Rule);
            var agent = agents.GetValueOrDefault(key.Agent);
            var still = _memory.Offline.ContainsKey(key.Agent) && rule is not null && agent is not null && rule.MatchesAgent(agent.Name, agent.Labels);
            var alert = pass.Alerts.GetValueOrDefault(track.AlertId);
            var decision = AlertEvaluator.EvaluateAgent(track, alert, still, rule is not null, () => pass.AgentCover(key.Rule, agent?.Name));
            if (!still)
            {
                _memory.AgentTracks.Remove(key);
                released.Add(key.Agent);
            }
            // A deleted rule never asks for an announcement, so its subject's rule is not read.
            if (decision.Transition is AlertTransition.Resolve)
                Resolve(pass, new AlertSubject(rule!, null, key.Agent, agent?.Name), alert!, decision.Announce, alert!.Verdict);
            else if (decision.Announce && alert!.MarkAnnounced(pass.Now) is AlertOutcome.Announce)
                announcer.Notify(NotificationEvents.Opened, alert, rule!, null, agent!.Name, pass.Now);
        }
        return released;
    }

    /// <summary>Opens the alerts of the rules watching an offline agent whose grace has passed.</summary>
    private async Task OpenAgentAlertsAsync(AlertRepository repository, AlertPass pass, IEnumerable<CompiledRule> agentRules, long agentId,
        AgentInfo agent, long since, CancellationToken cancellationToken)
    {
        foreach (var rule in agentRules)
        {
            if (_memory.AgentTracks.ContainsKey((rule.Id, agentId)) || !rule.MatchesAgent(agent.Name, agent.Labels))
                continue;
            var cover = new Lazy<Cover>(() => pass.AgentCover(rule.Id, agent.Name));
            var decision = AlertEvaluator.EvaluateOffline(rule, since, pass.Now, () => cover.Value);
            if (decision.Transition is not AlertTransition.Open)
                continue;
            var alert = Alert.Open(rule.Id, null, agentId, AlertDefaults.AgentOfflineVerdict, Statuses.Down, pass.Now, decision.Announce);
            alert.FirstFailingAt = since;
            repository.Add(alert);
            var track = new AgentAlertTrack { HeldByMaintenance = AlertEvaluator.HoldsAgentAlert(cover.Value) };
            _memory.AgentTracks[(rule.Id, agentId)] = track;
            pass.AfterSave(() =>
            {
                track.AlertId = alert.Id;
                Log.AgentOfflineOpened(logger, alert.Id, rule.Name, agent.Name, cover.Value.Silenced, cover.Value.Maintenance);
            });
            Tell(NotificationEvents.Opened, decision.Announce ? AlertOutcome.Announce : AlertOutcome.Quiet, alert,
                new AlertSubject(rule, null, agentId, agent.Name), pass.Now);
            // The agent's open check alerts are held under it from now on: reminders skip them.
            foreach (var held in await repository.CheckAlertsOfAgentAsync(agentId, false, cancellationToken))
                if (held.Suppress())
                    announcer.Changed(held);
        }
    }

    /// <summary>
    /// The agent's last agent-offline alert resolved: its check alerts are no longer suppressed. Those held
    /// (opened unannounced because of the agent alert) and still open are announced now, once, unless a silence
    /// or a maintenance window (which then holds them) covers them; those resolved meanwhile stay quiet.
    /// </summary>
    private async Task ReleaseSuppressedAsync(AlertRepository repository, AlertPass pass, long agentId, string? agentName, CancellationToken cancellationToken)
    {
        var held = await repository.CheckAlertsOfAgentAsync(agentId, true, cancellationToken);
        if (held.Count == 0)
            return;
        var checks = await repository.ChecksAsync(held.Select(a => a.CheckId!.Value), cancellationToken);
        var byId = (await RulesAsync(repository, cancellationToken)).ToDictionary(r => r.Id);
        foreach (var alert in held)
        {
            var check = checks.GetValueOrDefault(alert.CheckId!.Value);
            // Still held by a parent that is down: it stays suppressed until the parent recovers.
            if (check is not null && _memory.Parents.AnyParentDown(check, agentId))
                continue;
            alert.Release();
            var rule = byId.GetValueOrDefault(alert.RuleId);
            var track = _memory.FindTrack(new AlertKey(alert.RuleId, alert.CheckId.Value, agentId));
            var decision = AlertEvaluator.ReleaseFromAgent(track, alert, check is not null && rule is not null,
                () => pass.CheckCover(alert.RuleId, check!, agentName, false));
            if (decision.Announce && alert.MarkAnnounced(pass.Now) is AlertOutcome.Announce)
            {
                pass.AfterSave(() => Log.AgentReleased(logger, alert.Id, rule!.Name, check!.Name, agentName));
                announcer.Notify(NotificationEvents.Opened, alert, rule!, check, agentName, pass.Now);
            }
            announcer.Changed(alert);
        }
    }
}
