namespace Linkwatch.Server.Platform.Auth;

/// <summary>The three roles a person (and an API key, acting for its person) can have.</summary>
public static class Roles
{
    /// <summary>Everything, including people, API keys, agents and enrollment.</summary>
    public const string Admin = "admin";
    /// <summary>Checks, rules, channels, silences, maintenance windows, acknowledging alerts.</summary>
    public const string Editor = "editor";
    /// <summary>Reads only.</summary>
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Editor, Viewer];
}
