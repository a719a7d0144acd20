namespace Linkwatch.Shared;

/// <summary>What the agent says about itself after each (re)connect.</summary>
public sealed record AgentHello
{
    public required string Version { get; init; }
    public string? HostName { get; init; }
    public IReadOnlyList<string> Addresses { get; init; } = [];
}
