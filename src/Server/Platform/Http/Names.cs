using System.Text.RegularExpressions;

namespace Linkwatch.Server.Platform.Http;

/// <summary>Agent names: they appear in URLs, labels and metrics, so keep them plain.</summary>
public static partial class Names
{
    public const string Rule = "1-100 characters: letters, digits, '.', '_' or '-'";

    /// <summary>Display names of checks, rules, channels and windows: long enough for a sentence, short enough for a table.</summary>
    public const int MaxLength = 200;

    public static bool IsValidAgentName(string? name) => name is not null && AgentName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex AgentName();
}
