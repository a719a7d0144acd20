namespace Linkwatch.Server.Platform.Store;

/// <summary>Mutes notifications of alerts matching every matcher set here, until <see cref="Until"/>.</summary>
public sealed class Silence
{
    public long Id { get; set; }
    public long? RuleId { get; set; }
    public long? CheckId { get; set; }
    public string? AgentName { get; set; }
    public long Until { get; set; }
    public string? Reason { get; set; }
    public long CreatedAt { get; set; }
}
