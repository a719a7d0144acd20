namespace Linkwatch.Server.Platform.Store;

/// <summary>
/// Planned work during which alerts matching every matcher set here are muted: once from
/// <see cref="StartsAt"/> to <see cref="EndsAt"/>, or every time the Quartz <see cref="Cron"/> expression fires
/// (in <see cref="TimeZone"/>), for <see cref="DurationMinutes"/>. No matcher at all means every alert.
/// Times are unix milliseconds (UTC).
/// </summary>
public sealed class MaintenanceWindow
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public long? CheckId { get; set; }
    /// <summary>JSON object of labels a check must all carry; "{}" for none.</summary>
    public string Labels { get; set; } = "{}";
    public string? AgentName { get; set; }
    public long? StartsAt { get; set; }
    public long? EndsAt { get; set; }
    public string? Cron { get; set; }
    public int? DurationMinutes { get; set; }
    /// <summary>IANA (or Windows) time zone id the cron expression is read in.</summary>
    public string TimeZone { get; set; } = "UTC";
    public long CreatedAt { get; set; }
}
