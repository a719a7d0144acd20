namespace Linkwatch.Shared;

/// <summary>What the agent says about itself after each (re)connect.</summary>
public sealed record AgentHello
{
    public required string Version { get; init; }
    public string? HostName { get; init; }
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>
    /// The addresses other agents should use to reach this agent's responder (mesh checks), best first.
    /// Null or empty: the agent runs no responder or cannot say; it is then left out of mesh expansion.
    /// </summary>
    public IReadOnlyList<string>? ResponderAddresses { get; init; }

    /// <summary>The responder's bound ports; null when the agent runs no responder.</summary>
    public ResponderPorts? Responder { get; init; }
}
