namespace Linkwatch.Server.Accounts.SingleSignOn;

/// <summary>
/// The <c>Auth:Oidc</c> section: optional single sign-on through an OpenID Connect provider. Without
/// <see cref="Authority"/> nothing of it is registered and the login page has no single sign-on button.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Auth:Oidc";

    /// <summary>The provider's issuer URL; its <c>/.well-known/openid-configuration</c> is read from there.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Unset for a public client (PKCE alone); a secret, never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Members of this group (the <c>groups</c> claim) are admins; every other single sign-on user is a viewer.</summary>
    public string? AdminGroup { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
