namespace Linkwatch.Shared;

/// <summary>Methods an agent invokes on the server's <c>/hubs/agent</c> hub.</summary>
public interface IAgentHub
{
    /// <summary>Announces the agent after a (re)connect and returns its current assignments.</summary>
    Task<AssignmentSet> Hello(AgentHello hello);

    /// <summary>Stores a batch of results; returns once they are committed.</summary>
    Task<ResultAck> SubmitResults(IReadOnlyList<AgentResult> results);

    /// <summary>
    /// Stores a batch of the host's network change events; returns once they are committed. Each id is
    /// stored once, so a resend after a lost ack duplicates nothing.
    /// </summary>
    Task<ResultAck> SubmitEvents(IReadOnlyList<NetworkEvent> events);
}
