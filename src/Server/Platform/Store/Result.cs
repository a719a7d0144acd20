namespace Linkwatch.Server.Platform.Store;

/// <summary>One raw result. Times are unix milliseconds (UTC) so both providers can order them.</summary>
public sealed class Result
{
    /// <summary>The agent's UUIDv7; stored once.</summary>
    public Guid Id { get; set; }
    public long CheckId { get; set; }
    public long AgentId { get; set; }
    /// <summary>Agent clock.</summary>
    public long StartedAt { get; set; }
    /// <summary>Server clock.</summary>
    public long ReceivedAt { get; set; }
    public required string Status { get; set; }
    public required string Verdict { get; set; }
    /// <summary>The attempt's family with one attempt, <c>both</c> with two.</summary>
    public string? Family { get; set; }
    public string? Address { get; set; }
    /// <summary>JSON object of the first attempt's phase timings.</summary>
    public string? Phases { get; set; }
    /// <summary>JSON array of every attempt.</summary>
    public string? Attempts { get; set; }
    public string? Message { get; set; }
    public string? Error { get; set; }
    /// <summary>The peer agent's name for a mesh check's result (the agent whose responder was the target).</summary>
    public string? Peer { get; set; }
}
