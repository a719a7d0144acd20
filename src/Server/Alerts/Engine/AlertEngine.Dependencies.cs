using Linkwatch.Server.Notifications;

namespace Linkwatch.Server.Alerts.Engine;

/// <summary>
/// Dependencies (<c>dependsOn</c>). While a parent check is down for an agent, that agent's alerts for the child are
/// held the way an offline agent holds its checks' alerts: they open marked <see cref="Alert.Suppressed"/> without a
/// notification, open ones stop reminding, and when no parent is down any more (and the agent is not offline) those
/// still open are announced once; those resolved meanwhile stay quiet.
/// </summary>
public sealed partial class AlertEngine
{
    /// <summary>Whether a check alert for <paramref name="agentId"/> is held: its agent is offline, or a parent is down for it.</summary>
    private bool IsHeld(CheckInfo check, long? agentId) => _memory.IsSuppressed(agentId) || _memory.Parents.AnyParentDown(check, agentId);

    /// <summary>Takes a batch's results into the parents' states; returns the parents that recovered and those that went down.</summary>
    private (HashSet<long> Recovered, HashSet<long> Fell) ObserveParents(IReadOnlyList<StoredResult> results)
    {
        var recovered = new HashSet<long>();
        var fell = new HashSet<long>();
        foreach (var r in results.OrderBy(r => r.StartedAt))
        {
            var change = _memory.Parents.Observe(r.CheckId, r.AgentId, r.StartedAt.ToUnixTimeMilliseconds(), r.Status);
            if (change.Recovered)
                recovered.Add(r.CheckId);
            if (change.Fell)
                fell.Add(r.CheckId);
        }
        return (recovered, fell);
    }

    /// <summary>Reads the state of the parents of <paramref name="checks"/> that the engine has not seen yet.</summary>
    private async Task LearnParentsAsync(AlertRepository repository, IEnumerable<CheckInfo> checks, CancellationToken cancellationToken)
    {
        var unknown = checks.SelectMany(c => c.DependsOn).Where(p => !_memory.Parents.Knows(p)).ToHashSet();
        if (unknown.Count == 0)
            return;
        foreach (var parent in unknown)
            _memory.Parents.Seed(parent);
        foreach (var (checkId, agentId, startedAt, status) in await repository.NewestStatusesAsync(unknown, cancellationToken))
            _memory.Parents.Observe(checkId, agentId, startedAt, status);
    }

    /// <summary>Holds the open alerts of the children of parents that went down, and releases those of parents that recovered.</summary>
    private async Task FollowParentsAsync(AlertRepository repository, AlertPass pass, HashSet<long> recovered, HashSet<long> fell,
        CancellationToken cancellationToken)
    {
        if (recovered.Count == 0 && fell.Count == 0)
            return;
        var children = await repository.ChildrenOfAsync(recovered.Concat(fell).ToHashSet(), cancellationToken);
        if (children.Count == 0)
            return;
        await LearnParentsAsync(repository, children.Values, cancellationToken);
        var fellChildren = children.Values.Where(c => c.DependsOn.Any(fell.Contains)).Select(c => c.Id).ToList();
        foreach (var alert in await repository.UnheldAlertsOfAsync(fellChildren, cancellationToken))
        {
            var current = pass.Alerts.GetValueOrDefault(alert.Id) ?? alert;
            if (IsHeld(children[current.CheckId!.Value], current.AgentId) && current.Suppress())
                announcer.Changed(current);
        }
        var recoveredChildren = children.Values.Where(c => c.DependsOn.Any(recovered.Contains)).Select(c => c.Id).ToList();
        var held = (await repository.SuppressedAlertsOfAsync(recoveredChildren, cancellationToken))
            .Select(a => pass.Alerts.GetValueOrDefault(a.Id) ?? a)
            .Where(a => a.Suppressed && !IsHeld(children[a.CheckId!.Value], a.AgentId)).ToList();
        if (held.Count == 0)
            return;
        var agents = await repository.AgentNamesAsync(held.Select(a => a.AgentId), cancellationToken);
        var byId = (await RulesAsync(repository, cancellationToken)).ToDictionary(r => r.Id);
        foreach (var alert in held)
        {
            alert.Release();
            var check = children[alert.CheckId!.Value];
            var rule = byId.GetValueOrDefault(alert.RuleId);
            var agent = alert.AgentId is { } id ? agents.GetValueOrDefault(id) : null;
            var track = _memory.FindTrack(new AlertKey(alert.RuleId, check.Id, alert.AgentId));
            var decision = AlertEvaluator.ReleaseFromAgent(track, alert, rule is not null, () => pass.CheckCover(alert.RuleId, check, agent, false));
            if (decision.Announce && alert.MarkAnnounced(pass.Now) is AlertOutcome.Announce)
            {
                pass.AfterSave(() => Log.ParentReleased(logger, alert.Id, rule!.Name, check.Name, agent));
                announcer.Notify(NotificationEvents.Opened, alert, rule!, check, agent, pass.Now);
            }
            announcer.Changed(alert);
        }
    }
}
