namespace Linkwatch.Shared;

/// <summary>The complete set of checks assigned to one agent; it replaces the previous set.</summary>
public sealed record AssignmentSet
{
    public required string AgentName { get; init; }
    public IReadOnlyList<CheckAssignment> Checks { get; init; } = [];

    /// <summary>
    /// Increases with the server state the set was computed from. A Hello answer and a push can
    /// cross on the wire; the agent keeps the newer one. Zero from servers that do not number sets.
    /// </summary>
    public long Revision { get; init; }
}
