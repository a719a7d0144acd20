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

    /// <summary>The rule for a name enrolled from now on, in words; existing names that fit only <see cref="Rule"/> keep working.</summary>
    public const string NewRule = "1-63 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";

    /// <summary>Whether a new agent may be enrolled as <paramref name="name"/>: <see cref="NewRule"/>.</summary>
    public static bool IsValidNew(string? name) => name is not null && NewPattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex NewPattern();
}
