namespace Linkwatch.Server.Platform.Http;

/// <summary>Names in the API: agent names by the rule the agent checks too (<see cref="AgentNames"/>), and display names.</summary>
public static class Names
{
    public const string Rule = AgentNames.Rule;

    /// <summary>Display names of checks, rules, channels and windows: long enough for a sentence, short enough for a table.</summary>
    public const int MaxLength = 200;

    public static bool IsValidAgentName(string? name) => AgentNames.IsValid(name);
}
