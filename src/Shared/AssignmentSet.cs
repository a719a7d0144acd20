namespace Linkwatch.Shared;

/// <summary>The complete set of checks assigned to one agent; it replaces the previous set.</summary>
public sealed record AssignmentSet
{
    public required string AgentName { get; init; }
    public IReadOnlyList<CheckAssignment> Checks { get; init; } = [];
}
