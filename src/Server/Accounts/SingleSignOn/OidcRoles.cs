namespace Linkwatch.Server.Accounts.SingleSignOn;

/// <summary>
/// The role a single sign-on user gets, decided afresh at each sign-in from what the provider says now (DESIGN
/// "Configuration"): members of <c>Auth:Oidc:AdminGroup</c> are admins, everyone else a viewer. Group names compare
/// exactly, as the provider spells them (Keycloak's full-path names start with '/').
/// </summary>
public static class OidcRoles
{
    /// <summary>The claim holding the user's groups: one claim per group (a JSON array in the token or userinfo).</summary>
    public const string GroupsClaim = "groups";

    public static string For(IEnumerable<string> groups, string? adminGroup) =>
        !string.IsNullOrWhiteSpace(adminGroup) && groups.Contains(adminGroup.Trim(), StringComparer.Ordinal) ? Roles.Admin : Roles.Viewer;
}
