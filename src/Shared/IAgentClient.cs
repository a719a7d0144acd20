namespace Linkwatch.Shared;

/// <summary>Methods the server invokes on a connected agent.</summary>
public interface IAgentClient
{
    /// <summary>The agent's assignments changed; the set replaces the previous one.</summary>
    Task AssignmentsChanged(AssignmentSet assignments);
}
