namespace Linkwatch.Server.Platform.Http;

/// <summary>Agent names, by the rule the agent checks too (<see cref="AgentNames"/>).</summary>
public static class Names
{
    public const string Rule = AgentNames.Rule;

    public static bool IsValidAgentName(string? name) => AgentNames.IsValid(name);
}
