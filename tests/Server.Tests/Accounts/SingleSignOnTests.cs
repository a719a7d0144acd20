using System.Net;
using Linkwatch.Server.Accounts.SingleSignOn;
using Linkwatch.Server.Platform.Auth;
using Linkwatch.Server.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Server.Tests.Accounts;

public sealed class SingleSignOnTests
{
    /// <summary>A provider on a loopback port nothing listens on: valid configuration, never reachable.</summary>
    private static readonly Dictionary<string, string?> Configured = new()
    {
        ["Auth:Oidc:Authority"] = "http://127.0.0.1:9",
        ["Auth:Oidc:ClientId"] = "linkwatch",
        ["Auth:Oidc:ClientSecret"] = "test-client-secret-0123456789",
        ["Auth:Oidc:AdminGroup"] = "linkwatch-admins",
    };

    [Theory]
    [InlineData("Auth:Oidc:Authority", "not a url", "Auth:Oidc:Authority must be an absolute https URL (http only on loopback), not 'not a url'")]
    [InlineData("Auth:Oidc:Authority", "http://idp.example.test", "Auth:Oidc:Authority must be an absolute https URL (http only on loopback)")]
    [InlineData("Auth:Oidc:Authority", "ftp://127.0.0.1/", "Auth:Oidc:Authority must be an absolute https URL")]
    [InlineData("Auth:Oidc:Authority", "https://idp.example.test/?tenant=1", "Auth:Oidc:Authority must be the issuer URL without a query or fragment")]
    [InlineData("Auth:Oidc:ClientId", "", "Auth:Oidc:ClientId is required when Auth:Oidc:Authority is set")]
    [InlineData("Auth:Oidc:ClientSecert", "a-typo-in-the-key", "ClientSecert")]
    public async Task Bad_single_sign_on_configuration_stops_the_start_naming_the_key(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?>(Configured) { ["Auth:Oidc:Authority"] = "https://idp.example.test", [key] = value };

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => TestServer.StartAsync(settings));

        Assert.Contains(message, ex.ToString());
        // The secret is never part of an error.
        Assert.DoesNotContain(Configured["Auth:Oidc:ClientSecret"]!, ex.ToString());
    }

    [Fact]
    public async Task Half_a_configuration_without_the_authority_stops_the_start()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => TestServer.StartAsync(new Dictionary<string, string?> { ["Auth:Oidc:ClientId"] = "linkwatch" }));

        Assert.Contains("Auth:Oidc:Authority is required when other Auth:Oidc keys are set", ex.ToString());
    }

    [Fact]
    public async Task Without_an_authority_nothing_of_single_sign_on_is_there()
    {
        await using var server = await TestServer.StartAsync();

        var schemes = server.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.Null(await schemes.GetSchemeAsync(SingleSignOn.Scheme));
        var page = await server.NewClient(null).GetStringAsync("/login");
        Assert.DoesNotContain("single sign-on", page, StringComparison.OrdinalIgnoreCase);
        using var browser = server.NewBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync(SingleSignOn.StartPath, new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task With_an_authority_the_login_page_offers_it_and_an_unreachable_provider_sends_the_visitor_back_with_a_message()
    {
        await using var server = await TestServer.StartAsync(Configured);
        using var browser = server.NewBrowser();
        var page = await browser.GetStringAsync("/login?ReturnUrl=%2Falerts");
        Assert.Contains(">Sign in with single sign-on</button>", page);
        Assert.Contains($"action=\"{SingleSignOn.StartPath}\"", page);

        // Without the form's antiforgery token nobody is sent anywhere.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(SingleSignOn.StartPath, new FormUrlEncodedContent([]))).StatusCode);

        var response = await browser.PostAsync(SingleSignOn.StartPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginForm.AntiforgeryToken(page),
            ["ReturnUrl"] = "/alerts",
        }));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"/login?error={SingleSignOnError.Unavailable}&ReturnUrl=%2Falerts", response.Headers.Location!.OriginalString);
        var back = await browser.GetStringAsync(response.Headers.Location);
        Assert.Contains(SingleSignOnError.Message(SingleSignOnError.Unavailable)!, back);
    }

    [Fact]
    public async Task The_login_page_shows_only_its_own_sentences_for_error_codes()
    {
        await using var server = await TestServer.StartAsync();

        var page = await server.NewClient(null).GetStringAsync("/login?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E");

        // The code travels on only URL-encoded, in the form's own address; no message is made of it.
        Assert.DoesNotContain("<script>alert", page);
        Assert.DoesNotContain("class=\"lw-login-error\"", page);
    }

    [Fact]
    public async Task The_role_follows_the_groups_at_every_sign_in_and_a_verified_email_links_an_existing_account()
    {
        await using var server = await TestServer.StartAsync(Configured);
        await server.CreateUserAsync("eve@test.local", "eves-password-0123", Roles.Editor);
        var admin = Identity("ada-1", "ada@test.local", verified: true, "staff", "linkwatch-admins");

        // First time: a new account, no password, an admin.
        var (ada, error) = await AdmitAsync(server, admin);
        Assert.Null(error);
        Assert.Equal([Roles.Admin], await RolesAsync(server, ada!.Id));
        Assert.False(await WithUsersAsync(server, (users, u) => users.HasPasswordAsync(u), ada.Id));

        // Out of the admin group at the provider: a viewer at the next sign-in, the same account.
        var (again, _) = await AdmitAsync(server, admin with { Groups = ["staff"] });
        Assert.Equal(ada.Id, again!.Id);
        Assert.Equal([Roles.Viewer], await RolesAsync(server, ada.Id));

        // A local account with the same, verified, email is linked and from then on gets its role from the groups.
        var (eve, _) = await AdmitAsync(server, Identity("eve-1", "eve@test.local", verified: true, "staff"));
        var local = await WithUsersAsync(server, (users, _) => users.FindByEmailAsync("eve@test.local"), "");
        Assert.Equal(local!.Id, eve!.Id);
        Assert.Equal([Roles.Viewer], await RolesAsync(server, eve.Id));
        var logins = await WithUsersAsync(server, (users, u) => users.GetLoginsAsync(u), eve.Id);
        Assert.Equal($"http://127.0.0.1:9#eve-1", Assert.Single(logins).ProviderKey);
    }

    [Fact]
    public async Task Nobody_gets_in_who_is_disabled_unverified_for_an_existing_account_or_without_an_email()
    {
        await using var server = await TestServer.StartAsync(Configured);
        await server.CreateUserAsync("eve@test.local", "eves-password-0123", Roles.Editor);

        Assert.Equal(SingleSignOnError.EmailNotVerified, (await AdmitAsync(server, Identity("eve-1", "eve@test.local", verified: false))).Error);
        Assert.Equal(SingleSignOnError.NoEmail, (await AdmitAsync(server, Identity("anon-1", null, verified: false))).Error);

        // Identity's way of disabling someone: a lockout that never ends.
        var (ada, _) = await AdmitAsync(server, Identity("ada-1", "ada@test.local", verified: true, "linkwatch-admins"));
        await WithUsersAsync(server, (users, u) => users.SetLockoutEndDateAsync(u, DateTimeOffset.MaxValue), ada!.Id);
        Assert.Equal(SingleSignOnError.Refused, (await AdmitAsync(server, Identity("ada-1", "ada@test.local", verified: true, "linkwatch-admins"))).Error);
    }

    private static ExternalIdentity Identity(string subject, string? email, bool verified, params string[] groups) =>
        new("http://127.0.0.1:9", subject, email, verified, groups);

    private static async Task<(IdentityUser? User, string? Error)> AdmitAsync(TestServer server, ExternalIdentity identity)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ExternalSignIn>().AdmitAsync(identity).OrTimeout();
    }

    private static Task<IList<string>> RolesAsync(TestServer server, string userId) =>
        WithUsersAsync(server, (users, u) => users.GetRolesAsync(u), userId);

    private static async Task<T> WithUsersAsync<T>(TestServer server, Func<UserManager<IdentityUser>, IdentityUser, Task<T>> action, string userId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = userId.Length == 0 ? new IdentityUser() : (await users.FindByIdAsync(userId))!;
        return await action(users, user).OrTimeout();
    }
}
