namespace Linkwatch.Server.Platform.Store;

/// <summary>
/// One alert: opened by a rule for a check (and agent, unless the rule needs a quorum), or by an agent-offline
/// rule for an agent (no check). Times are unix ms.
/// <para>
/// State changes go through the methods below, which refuse transitions that make no sense (resolving a resolved
/// alert, announcing an acknowledged one) and say whether the change is to be announced. The setters stay public
/// for EF Core, the API's column-only updates and tests.
/// </para>
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

    public bool IsOpen => State == AlertStates.Open;
    public bool IsResolved => State == AlertStates.Resolved;
    /// <summary>Somebody was told of it: its end is announced too.</summary>
    public bool WasAnnounced => LastNotifiedAt is not null;

    /// <summary>A new open alert; <paramref name="announce"/> records that its opening goes out now.</summary>
    public static Alert Open(long ruleId, long? checkId, long? agentId, string verdict, string status, long now, bool announce) => new()
    {
        RuleId = ruleId,
        CheckId = checkId,
        AgentId = agentId,
        State = AlertStates.Open,
        OpenedAt = now,
        LastNotifiedAt = announce ? now : null,
        Verdict = verdict,
        Status = status,
    };

    /// <summary>Closes the alert; refused when it is closed already. An acknowledged alert resolves too (receivers close incidents on it).</summary>
    public AlertOutcome Resolve(long now, bool announce)
    {
        if (IsResolved)
            return AlertOutcome.Refused;
        State = AlertStates.Resolved;
        ResolvedAt = now;
        Flapping = false;
        return Told(now, announce);
    }

    /// <summary>
    /// The series stopped flapping while failing: the alert is an ordinary open one now. Announced only while open
    /// (an acknowledged alert has been seen); <paramref name="suppressed"/> holds it under its agent's offline alert.
    /// </summary>
    public AlertOutcome StopFlapping(long now, bool announce, bool suppressed)
    {
        if (IsResolved || !Flapping)
            return AlertOutcome.Refused;
        Flapping = false;
        if (suppressed)
            Suppressed = true;
        return Told(now, announce && IsOpen);
    }

    /// <summary>An opening held back (maintenance, an offline agent) or a reminder goes out now; only for an open, settled alert.</summary>
    public AlertOutcome MarkAnnounced(long now)
    {
        if (!IsOpen || Flapping)
            return AlertOutcome.Refused;
        return Told(now, true);
    }

    /// <summary>Somebody has seen it: reminders stop. Only an open alert can be acknowledged.</summary>
    public AlertOutcome Acknowledge(long now)
    {
        if (!IsOpen)
            return AlertOutcome.Refused;
        State = AlertStates.Acknowledged;
        AcknowledgedAt = now;
        return AlertOutcome.Quiet;
    }

    /// <summary>Held under its agent's offline alert; false when there is nothing to change.</summary>
    public bool Suppress()
    {
        if (IsResolved || Suppressed || CheckId is null)
            return false;
        Suppressed = true;
        return true;
    }

    /// <summary>Its agent's offline alert ended: no longer held under it.</summary>
    public void Release() => Suppressed = false;

    private AlertOutcome Told(long now, bool announce)
    {
        if (!announce)
            return AlertOutcome.Quiet;
        LastNotifiedAt = now;
        return AlertOutcome.Announce;
    }
}
