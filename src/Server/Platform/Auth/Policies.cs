namespace Linkwatch.Server.Platform.Auth;

/// <summary>
/// One authorization policy per kind of action, used alike by the pages (cookie) and the API (bearer key):
/// a change the role does not allow is refused on the server, whatever a page shows.
/// </summary>
public static class Policies
{
    /// <summary>Read anything: every signed-in role.</summary>
    public const string View = "view";
    /// <summary>Change checks, rules, channels, silences and windows; acknowledge alerts: editors and admins.</summary>
    public const string Edit = "edit";
    /// <summary>People, API keys, agents and enrollment: admins.</summary>
    public const string Administer = "administer";
}
