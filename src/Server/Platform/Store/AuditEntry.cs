namespace Linkwatch.Server.Platform.Store;

/// <summary>
/// One change to the configuration: who made it (a person's email, "bootstrap key", "system"), when (unix ms), what
/// (kind, id and name of the object) and, in short, how (changed fields before and after; secrets never).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public long At { get; set; }
    public required string Actor { get; set; }
    /// <summary>created, updated or deleted.</summary>
    public required string Action { get; set; }
    /// <summary>check, alert rule, channel, silence, maintenance window, agent, enrollment token, user, API key.</summary>
    public required string Kind { get; set; }
    public string? ObjectId { get; set; }
    public string? ObjectName { get; set; }
    public string? Summary { get; set; }
}
