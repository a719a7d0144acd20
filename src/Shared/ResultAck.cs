namespace Linkwatch.Shared;

/// <summary>The server's answer to a batch: ids now committed (new or already stored before).</summary>
public sealed record ResultAck
{
    public IReadOnlyList<Guid> Committed { get; init; } = [];
    /// <summary>Ids refused for good (malformed); the agent drops them instead of resending forever.</summary>
    public IReadOnlyList<Guid> Rejected { get; init; } = [];
}
