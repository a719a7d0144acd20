using Microsoft.AspNetCore.SignalR;

namespace Linkwatch.Server.Agents;

/// <summary>
/// The live connection of each agent. One identity has at most one connection: the newest wins and
/// the previous one is aborted, so a cloned or restarted agent never runs checks twice.
/// </summary>
public sealed class AgentConnectionRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, AgentConnection> _byAgent = [];

    public sealed record AgentConnection(long AgentId, string AgentName, HubCallerContext Context)
    {
        public string ConnectionId => Context.ConnectionId;
    }

    /// <summary>Makes <paramref name="context"/> the agent's connection; returns the one it replaces.</summary>
    public AgentConnection? Register(long agentId, string agentName, HubCallerContext context)
    {
        lock (_lock)
        {
            _byAgent.Remove(agentId, out var previous);
            _byAgent[agentId] = new AgentConnection(agentId, agentName, context);
            return previous;
        }
    }

    /// <summary>Removes the connection only if it is still the agent's current one.</summary>
    public bool Unregister(long agentId, string connectionId)
    {
        lock (_lock)
        {
            if (!_byAgent.TryGetValue(agentId, out var current) || current.ConnectionId != connectionId)
                return false;
            _byAgent.Remove(agentId);
            return true;
        }
    }

    public bool IsOnline(long agentId)
    {
        lock (_lock)
            return _byAgent.ContainsKey(agentId);
    }

    /// <summary>The agent's live connection, or null when it is offline.</summary>
    public AgentConnection? ConnectionOf(long agentId)
    {
        lock (_lock)
            return _byAgent.GetValueOrDefault(agentId);
    }

    public IReadOnlyList<AgentConnection> Snapshot()
    {
        lock (_lock)
            return [.. _byAgent.Values];
    }

    /// <summary>Closes the agent's live connection, if any (revocation, re-enrollment).</summary>
    public bool Abort(long agentId)
    {
        AgentConnection? current;
        lock (_lock)
            _byAgent.TryGetValue(agentId, out current);
        current?.Context.Abort();
        return current is not null;
    }
}
