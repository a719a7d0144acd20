namespace Linkwatch.Server.Dashboard;

/// <summary>The agent page: who it is, what it runs, and its host's network events.</summary>
public sealed record AgentPageModel(
    AgentView Agent, bool Revoked, IReadOnlyList<string> Addresses, IReadOnlyList<string> ResponderAddresses, ResponderPorts? Responder,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyList<AgentCheckRow> Checks, IReadOnlyList<NetworkEventView> Events);

/// <summary>A check the agent runs, with its newest result there (any peer for a mesh check).</summary>
public sealed record AgentCheckRow(long Id, string Name, string Kind, string Target, LatestResult? Latest)
{
    public string Status => Latest?.Status ?? StatusNames.Waiting;
}

public sealed record NetworkEventView(DateTimeOffset At, string Kind, string? Interface, string? Detail);
