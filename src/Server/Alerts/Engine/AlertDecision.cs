namespace Linkwatch.Server.Alerts.Engine;

/// <summary>What an evaluation does to an alert.</summary>
public enum AlertTransition
{
    None,
    Open,
    Resolve,
    /// <summary>A flapping series settled failing: the alert stays open as an ordinary one.</summary>
    StopFlapping,
    /// <summary>An opening held back (maintenance, an offline agent) is let go: announced, or dropped when no longer due.</summary>
    AnnounceHeld,
    Remind,
}

/// <summary>The outcome of one evaluation: the transition and whether somebody is to be told of it.</summary>
public readonly record struct AlertDecision(AlertTransition Transition, bool Announce)
{
    public static readonly AlertDecision None = new(AlertTransition.None, false);
}

/// <summary>
/// What, right now, keeps an alert's news back: a silence, an active maintenance window, or its agent's open
/// agent-offline alert (never for a quorum alert, which stands for several agents).
/// </summary>
public readonly record struct Cover(bool Silenced, bool Maintenance, bool HeldByAgent)
{
    public static readonly Cover None = new(false, false, false);
}
