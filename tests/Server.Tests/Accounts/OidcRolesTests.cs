using System.Security.Claims;
using Linkwatch.Server.Accounts.SingleSignOn;
using Linkwatch.Server.Platform.Auth;

namespace Linkwatch.Server.Tests.Accounts;

public sealed class OidcRolesTests
{
    [Theory]
    [InlineData("linkwatch-admins", new[] { "staff", "linkwatch-admins" }, Roles.Admin)]
    [InlineData("linkwatch-admins", new[] { "staff" }, Roles.Viewer)]
    [InlineData("linkwatch-admins", new string[0], Roles.Viewer)]
    // Names compare exactly, as the provider spells them: no case folding, no path guessing.
    [InlineData("linkwatch-admins", new[] { "Linkwatch-Admins" }, Roles.Viewer)]
    [InlineData("/linkwatch-admins", new[] { "linkwatch-admins" }, Roles.Viewer)]
    [InlineData("/linkwatch-admins", new[] { "/linkwatch-admins" }, Roles.Admin)]
    // Without an admin group nobody becomes admin through single sign-on, whatever their groups.
    [InlineData(null, new[] { "linkwatch-admins" }, Roles.Viewer)]
    [InlineData("", new[] { "" }, Roles.Viewer)]
    public void Members_of_the_admin_group_are_admins_and_everyone_else_viewers(string? adminGroup, string[] groups, string role) =>
        Assert.Equal(role, OidcRoles.For(groups, adminGroup));

    [Fact]
    public void The_identity_reads_subject_email_verification_and_every_group_and_keys_the_login_by_issuer_and_subject()
    {
        const string issuer = "https://idp.example.test/realms/main";
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("sub", "248289761001", ClaimValueTypes.String, issuer),
            new Claim("email", " ada@example.test "),
            // userinfo's JSON true, as the handler's claim action writes it.
            new Claim("email_verified", "True"),
            new Claim("groups", "staff"),
            new Claim("groups", "linkwatch-admins"),
            new Claim("groups", "staff"),
        ], "oidc"));

        var identity = ExternalIdentity.From(principal)!;

        Assert.Equal("ada@example.test", identity.Email);
        Assert.True(identity.EmailVerified);
        Assert.Equal(["staff", "linkwatch-admins"], identity.Groups);
        Assert.Equal($"{issuer}#248289761001", identity.LoginKey);
    }

    [Fact]
    public void An_answer_without_a_subject_is_no_identity_and_a_missing_email_verified_is_not_verified()
    {
        Assert.Null(ExternalIdentity.From(new ClaimsPrincipal(new ClaimsIdentity([new Claim("email", "a@example.test")], "oidc"))));

        var identity = ExternalIdentity.From(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "1"), new Claim("email", "a@example.test")], "oidc")))!;
        Assert.False(identity.EmailVerified);
        Assert.Empty(identity.Groups);
    }
}
