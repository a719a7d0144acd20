namespace Linkwatch.Server.Alerts.Engine;

/// <summary>
/// The engine's in-memory state: consecutive counts per (rule, check, agent), the track of each alert key, agents
/// known to be offline and their open agent-offline alerts. Touched by the engine's one loop only, so it has no locks.
/// </summary>
public sealed class AlertMemory
{
    private readonly Dictionary<(long Rule, long Check), Dictionary<long, SeriesCounter>> _series = [];
    private readonly Dictionary<AlertKey, AlertTrack> _tracks = [];

    /// <summary>Agents known to be offline: since when (server time, unix ms), by agent id.</summary>
    public Dictionary<long, long> Offline { get; } = [];
    /// <summary>Open agent-offline alerts by (rule, agent).</summary>
    public Dictionary<(long Rule, long Agent), AgentAlertTrack> AgentTracks { get; } = [];

    /// <summary>The states of parent checks, for holding their children's alerts.</summary>
    public ParentStates Parents { get; } = new();

    public int OpenAlerts => _tracks.Values.Count(t => t.IsOpen);
    public int Series => _series.Values.Sum(s => s.Count);

    public void Clear()
    {
        _series.Clear();
        _tracks.Clear();
        Offline.Clear();
        AgentTracks.Clear();
        Parents.Clear();
    }

    public SeriesCounter Counter(long ruleId, long checkId, long agentId)
    {
        if (!_series.TryGetValue((ruleId, checkId), out var agents))
            _series[(ruleId, checkId)] = agents = [];
        if (!agents.TryGetValue(agentId, out var counter))
            agents[agentId] = counter = new SeriesCounter();
        return counter;
    }

    public AlertTrack Track(AlertKey key)
    {
        if (!_tracks.TryGetValue(key, out var track))
            _tracks[key] = track = new AlertTrack();
        return track;
    }

    public AlertTrack? FindTrack(AlertKey key) => _tracks.GetValueOrDefault(key);

    /// <summary>Stored ids of the alerts open for the given checks: what a pass over their results may change.</summary>
    public List<long> OpenAlertIds(IReadOnlySet<long> checkIds) =>
        [.. _tracks.Where(t => checkIds.Contains(t.Key.CheckId) && t.Value.AlertId is not null).Select(t => t.Value.AlertId!.Value)];

    public List<KeyValuePair<AlertKey, AlertTrack>> HeldByMaintenance() =>
        [.. _tracks.Where(t => t.Value.HeldByMaintenance && t.Value.AlertId is not null)];

    /// <summary>The agent has an open (or acknowledged) agent-offline alert: its check alerts are held under it.</summary>
    public bool IsSuppressed(long? agentId) => agentId is { } id && AgentTracks.Keys.Any(k => k.Agent == id);

    /// <summary>
    /// Agents of a quorum rule whose series is triggered and still reporting: an agent that stopped sending
    /// (offline, check reassigned) must not hold a quorum alert open forever.
    /// </summary>
    public List<SeriesCounter> FailingAgents(long ruleId, CheckInfo check, long now)
    {
        var staleBefore = now - (3L * check.IntervalSeconds * 1000 + 30_000);
        return _series.TryGetValue((ruleId, check.Id), out var agents)
            ? [.. agents.Values.Where(a => a.Triggered && a.LastSeenAt >= staleBefore)]
            : [];
    }

    /// <summary>A quorum alert reports the earliest first failure among its failing agents.</summary>
    public SeriesCounter? QuorumSource(long ruleId, CheckInfo check, long now) =>
        FailingAgents(ruleId, check, now).OrderBy(a => a.FirstFailingAt ?? long.MaxValue).FirstOrDefault();

    /// <summary>Drops the memory of rules that were deleted or disabled.</summary>
    public void Forget(IEnumerable<CompiledRule> rules)
    {
        var kept = rules.Select(r => r.Id).ToHashSet();
        foreach (var key in _series.Keys.Where(k => !kept.Contains(k.Rule)).ToList())
            _series.Remove(key);
        foreach (var key in _tracks.Keys.Where(k => !kept.Contains(k.RuleId)).ToList())
            _tracks.Remove(key);
    }
}
