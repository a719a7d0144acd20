using System.Text.RegularExpressions;

namespace Linkwatch.Shared;

/// <summary>
/// The agent-name rule. Names appear in URLs, labels, metrics and mesh targets (<c>@NAME</c>), so they
/// stay plain; the agent checks it before it enrolls and the server wherever it takes a name.
/// </summary>
public static partial class AgentNames
{
    /// <summary>The longest name.</summary>
    public const int MaxLength = 100;

    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "1-100 characters: letters, digits, '.', '_' or '-'";

    /// <summary>Whether <paramref name="name"/> follows <see cref="Rule"/>.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex Pattern();
}
