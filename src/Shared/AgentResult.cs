namespace Linkwatch.Shared;

/// <summary>A result as the agent stores it in its outbox and sends it to the server.</summary>
public sealed record AgentResult
{
    /// <summary>Client-generated, time-ordered (UUIDv7); the server stores each id once.</summary>
    public required Guid Id { get; init; }
    public required long CheckId { get; init; }
    /// <summary>When the run started, on the agent's clock (UTC).</summary>
    public required DateTimeOffset StartedAt { get; init; }
    public required CheckOutcome Outcome { get; init; }

    /// <summary>The peer agent of a mesh assignment (see <see cref="CheckAssignment.Peer"/>); null otherwise.</summary>
    public string? Peer { get; init; }
}
