namespace Linkwatch.Server.Alerts.Engine;

/// <summary>The engine's memory of one open agent-offline alert, by (rule, agent).</summary>
public sealed class AgentAlertTrack
{
    /// <summary>The alert's id; 0 until the pass that opened it has saved it.</summary>
    public long AlertId { get; set; }
    /// <summary>Opened inside a maintenance window and not announced: announced once the window ends, if still open.</summary>
    public bool HeldByMaintenance { get; set; }
}
