namespace Linkwatch.Server.Platform.Store;

/// <summary>
/// One alert: opened by a rule for a check (and agent, unless the rule needs a quorum), or by an agent-offline
/// rule for an agent (no check). Times are unix ms.
/// </summary>
public sealed class Alert
{
    public long Id { get; set; }
    public long RuleId { get; set; }
    /// <summary>Null for an agent-offline alert, which stands for the agent, not one of its checks.</summary>
    public long? CheckId { get; set; }
    /// <summary>Null for a quorum alert, which stands for several agents.</summary>
    public long? AgentId { get; set; }
    /// <summary><see cref="AlertStates"/>.</summary>
    public string State { get; set; } = AlertStates.Open;
    public long OpenedAt { get; set; }
    public long? ResolvedAt { get; set; }
    public long? AcknowledgedAt { get; set; }
    /// <summary>When a notification about it last went out; null while nobody has been told.</summary>
    public long? LastNotifiedAt { get; set; }
    public required string Verdict { get; set; }
    public required string Status { get; set; }
    public Guid? FirstFailingResultId { get; set; }
    /// <summary>Agent clock of the first failing result: where the alert's timeline starts.</summary>
    public long? FirstFailingAt { get; set; }
    /// <summary>Opened while the series flapped: notifications are held until it is stable.</summary>
    public bool Flapping { get; set; }
    /// <summary>
    /// A check alert of an agent that has an open agent-offline alert: its opening and reminders are held
    /// under the agent alert; cleared when the agent alert resolves.
    /// </summary>
    public bool Suppressed { get; set; }
}
