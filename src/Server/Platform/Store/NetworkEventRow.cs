namespace Linkwatch.Server.Platform.Store;

/// <summary>One network change event of an agent's host. Times are unix milliseconds (UTC).</summary>
public sealed class NetworkEventRow
{
    /// <summary>The agent's UUIDv7; stored once.</summary>
    public Guid Id { get; set; }
    public long AgentId { get; set; }
    /// <summary>Agent clock.</summary>
    public long At { get; set; }
    /// <summary>A name from <see cref="NetworkEventKinds"/>.</summary>
    public required string Kind { get; set; }
    public string? Interface { get; set; }
    public string? Detail { get; set; }
    /// <summary>Server clock.</summary>
    public long ReceivedAt { get; set; }
}
