using System.Security.Claims;

namespace Linkwatch.Server.Accounts.SingleSignOn;

/// <summary>What a provider's answer says about the person, read from the external cookie's principal.</summary>
public sealed record ExternalIdentity(string Issuer, string Subject, string? Email, bool EmailVerified, IReadOnlyList<string> Groups)
{
    public const string SubjectClaim = "sub";
    public const string EmailClaim = "email";
    public const string EmailVerifiedClaim = "email_verified";

    /// <summary>
    /// The key in AspNetUserLogins: a subject is unique only at its issuer, so the issuer is part of it; pointing
    /// <c>Auth:Oidc:Authority</c> at another provider then links people anew (by verified email) instead of mixing them up.
    /// </summary>
    public string LoginKey => $"{Issuer}#{Subject}";

    public static ExternalIdentity? From(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirst(SubjectClaim);
        if (subject is null || string.IsNullOrEmpty(subject.Value))
            return null;
        var email = principal.FindFirstValue(EmailClaim)?.Trim();
        // A JSON true arrives as "true" from the ID token and "True" from userinfo.
        var verified = string.Equals(principal.FindFirstValue(EmailVerifiedClaim), "true", StringComparison.OrdinalIgnoreCase);
        var groups = principal.FindAll(OidcRoles.GroupsClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        return new ExternalIdentity(subject.Issuer, subject.Value, string.IsNullOrEmpty(email) ? null : email, verified, groups);
    }
}
