namespace Linkwatch.Shared;

/// <summary>Methods the server invokes on a connected agent.</summary>
public interface IAgentClient
{
    /// <summary>The agent's assignments changed; the set replaces the previous one.</summary>
    Task AssignmentsChanged(AssignmentSet assignments);

    /// <summary>
    /// "Run now": runs each of <paramref name="assignments"/> once, at once, and returns one result per assignment, in
    /// order, without putting them in the outbox (they are not stored). The assignments are the agent's own for one check,
    /// as the server's assignment builder makes them (a mesh check: one per peer); the agent refuses more than
    /// <see cref="Protocol.HubLimits.MaxRunNowAssignments"/>.
    /// </summary>
    Task<IReadOnlyList<AgentResult>> RunNow(IReadOnlyList<CheckAssignment> assignments);
}
