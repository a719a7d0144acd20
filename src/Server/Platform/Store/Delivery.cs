namespace Linkwatch.Server.Platform.Store;

/// <summary>One attempt to deliver one notification to one channel: the delivery log.</summary>
public sealed class Delivery
{
    public long Id { get; set; }
    /// <summary>Null for a channel test.</summary>
    public long? AlertId { get; set; }
    public long ChannelId { get; set; }
    /// <summary>opened, resolved, reminder or test.</summary>
    public required string Event { get; set; }
    /// <summary>1 for the first try.</summary>
    public int Attempt { get; set; }
    public long At { get; set; }
    public bool Success { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public double DurationMs { get; set; }
}
