namespace Linkwatch.Server.Alerts.Engine;

/// <summary>An <see cref="AlertRule"/> with its JSON columns parsed once per batch, and what counts as failing.</summary>
public sealed class CompiledRule
{
    /// <summary>The verdict an alert carries when only the latency threshold made the result fail.</summary>
    public const string LatencyVerdict = "latency_over_threshold";

    public required long Id { get; init; }
    public required string Name { get; init; }
    public long? CheckId { get; init; }
    public required Dictionary<string, string> Labels { get; init; }
    public required int OpenAfterFailures { get; init; }
    public required int ResolveAfterSuccesses { get; init; }
    public required int Quorum { get; init; }
    public required HashSet<string> Verdicts { get; init; }
    public required IReadOnlyList<string> Channels { get; init; }
    public required int ReminderMinutes { get; init; }
    public string? LatencyPhase { get; init; }
    public double? LatencyThresholdMs { get; init; }
    /// <summary>An agent-offline rule: matches agents, never checks.</summary>
    public bool AgentOffline { get; init; }
    public IReadOnlyList<string> Agents { get; init; } = [];
    public int OfflineAfterSeconds { get; init; } = AlertDefaults.OfflineAfterSeconds;

    public static CompiledRule From(AlertRule r) => new()
    {
        Id = r.Id,
        Name = r.Name,
        CheckId = r.CheckId,
        Labels = StoredJson.ReadLabels(r.Labels),
        OpenAfterFailures = Math.Max(1, r.OpenAfterFailures),
        ResolveAfterSuccesses = Math.Max(1, r.ResolveAfterSuccesses),
        Quorum = Math.Max(1, r.Quorum),
        Verdicts = [.. StoredJson.ReadList(r.Verdicts)],
        Channels = StoredJson.ReadList(r.Channels),
        ReminderMinutes = r.ReminderMinutes,
        LatencyPhase = r.LatencyPhase,
        LatencyThresholdMs = r.LatencyThresholdMs,
        AgentOffline = r.AgentOffline,
        Agents = StoredJson.ReadList(r.Agents),
        OfflineAfterSeconds = Math.Max(AlertDefaults.MinOfflineAfterSeconds, r.OfflineAfterSeconds),
    };

    /// <summary>A rule names one check, or selects every check carrying all of its labels. An agent-offline rule matches no check.</summary>
    public bool Matches(long checkId, IReadOnlyDictionary<string, string> checkLabels) =>
        !AgentOffline && (CheckId is { } id
            ? id == checkId
            : Labels.Count > 0 && Labels.All(l => checkLabels.TryGetValue(l.Key, out var v) && v == l.Value));

    /// <summary>An agent-offline rule names agents, or selects them by their labels, or (neither) watches every agent.</summary>
    public bool MatchesAgent(string name, IReadOnlyDictionary<string, string> agentLabels) =>
        AgentOffline && (Agents.Count > 0
            ? Agents.Contains(name, StringComparer.Ordinal)
            : Labels.All(l => agentLabels.TryGetValue(l.Key, out var v) && v == l.Value));

    /// <summary>
    /// Null when the result is good; else the verdict to report. With verdicts listed only those count,
    /// so a rule can watch e.g. <c>close_not_propagated</c> alone and ignore plain timeouts.
    /// </summary>
    public string? FailingVerdict(StoredResult result)
    {
        var failing = Verdicts.Count > 0 ? Verdicts.Contains(result.Verdict) : result.Status != Statuses.Up;
        if (failing)
            return result.Verdict;
        if (LatencyPhase is { } phase && LatencyThresholdMs is { } limit
            && result.Phases is { } phases && phases.TryGetValue(phase, out var ms) && ms > limit)
            return LatencyVerdict;
        return null;
    }
}
