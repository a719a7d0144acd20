namespace Linkwatch.Server.Platform.Store;

/// <summary>
/// When results of a check (or of every check matching a label selector) open and resolve an alert; or, with
/// <see cref="AgentOffline"/>, when an agent (named, selected by its labels, or any) has been offline too long.
/// JSON columns keep the rule one row; times are unix milliseconds (UTC).
/// </summary>
public sealed class AlertRule
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>One check; null when <see cref="Labels"/> selects the checks.</summary>
    public long? CheckId { get; set; }
    /// <summary>
    /// JSON object of labels a check must all carry; "{}" with a <see cref="CheckId"/>. For an
    /// <see cref="AgentOffline"/> rule, labels an agent must all carry.
    /// </summary>
    public string Labels { get; set; } = "{}";
    public int OpenAfterFailures { get; set; } = AlertDefaults.OpenAfterFailures;
    public int ResolveAfterSuccesses { get; set; } = AlertDefaults.ResolveAfterSuccesses;
    /// <summary>1: one alert per check and agent; more: one alert per check, opened when this many agents fail.</summary>
    public int Quorum { get; set; } = 1;
    /// <summary>JSON array of verdicts that count as failing; empty means any result that is not up.</summary>
    public string Verdicts { get; set; } = "[]";
    /// <summary>JSON array of channel names.</summary>
    public string Channels { get; set; } = "[]";
    /// <summary>0 turns reminders off.</summary>
    public int ReminderMinutes { get; set; } = AlertDefaults.ReminderMinutes;
    /// <summary>With <see cref="LatencyThresholdMs"/>: an up result slower than this in that phase counts as failing.</summary>
    public string? LatencyPhase { get; set; }
    public double? LatencyThresholdMs { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>The rule watches agents' connections, not check results: no check, verdicts or quorum.</summary>
    public bool AgentOffline { get; set; }
    /// <summary>JSON array of agent names an <see cref="AgentOffline"/> rule watches; empty (and no labels) means every agent.</summary>
    public string Agents { get; set; } = "[]";
    /// <summary>How long an agent must have been offline before its alert opens.</summary>
    public int OfflineAfterSeconds { get; set; } = AlertDefaults.OfflineAfterSeconds;
    public long CreatedAt { get; set; }
}
