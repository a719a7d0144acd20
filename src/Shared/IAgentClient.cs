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

    /// <summary>
    /// A newer connection with this agent's credential replaced this one. The agent answers (true: it stops), logs one
    /// error and stays disconnected until it is restarted; the server aborts this connection after the answer. An answer
    /// proves that two processes use one identity: a connection the agent itself had already given up (a restart, a
    /// flapping network) never answers. An agent too old to know the method answers with an error, which proves the same.
    /// </summary>
    Task<bool> Superseded(string reason);
}
