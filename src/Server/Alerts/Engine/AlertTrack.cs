namespace Linkwatch.Server.Alerts.Engine;

/// <summary>The engine's memory of one <see cref="AlertKey"/>: its open alert, recent openings, and flapping.</summary>
public sealed class AlertTrack
{
    /// <summary>An alert is open (or acknowledged) for the key; its id may not be known yet within the pass that opened it.</summary>
    public bool IsOpen { get; set; }
    /// <summary>The open alert's id once stored; null when none is open or it is not saved yet.</summary>
    public long? AlertId { get; set; }
    /// <summary>Server times (unix ms) of openings within the flap window.</summary>
    public List<long> Openings { get; } = [];
    public bool Flapping { get; set; }
    /// <summary>While flapping: how many evaluations in a row came out on <see cref="RunBad"/>'s side.</summary>
    public int Run { get; set; }
    public bool RunBad { get; set; }
    /// <summary>
    /// The alert opened (or stopped flapping, still failing) inside a maintenance window and nobody was told:
    /// once no window covers it, an <c>opened</c> is sent if it is still open.
    /// </summary>
    public bool HeldByMaintenance { get; set; }
    /// <summary>
    /// The alert opened (or stopped flapping, still failing) while its agent had an open agent-offline alert and
    /// nobody was told: when the agent alert resolves, an <c>opened</c> is sent if it is still open.
    /// </summary>
    public bool HeldByAgent { get; set; }

    public void ForgetOpeningsBefore(long cutoff) => Openings.RemoveAll(t => t < cutoff);

    /// <summary>The alert closed: nothing is open or held for the key any more.</summary>
    public void Close()
    {
        IsOpen = false;
        AlertId = null;
        HeldByMaintenance = false;
        HeldByAgent = false;
    }
}
