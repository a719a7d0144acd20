using System.Net;
using System.Security.Claims;
using Linkwatch.Server.Accounts;
using Linkwatch.Server.Platform.Auth;
using Linkwatch.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Server.Tests.Accounts;

/// <summary>What <c>/account</c> changes, through the service the page calls, and the cookie renewal after it.</summary>
public sealed class OwnAccountTests
{
    private const string NewPassword = "a-brand-new-password";

    [Fact]
    public async Task Changing_the_generated_first_admin_password_deletes_the_file_that_kept_it()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Admin:Email"] = null, ["Admin:Password"] = null });
        var file = Path.Combine(server.DataDir, FirstAdmin.PasswordFile);
        var generated = (await File.ReadAllTextAsync(file)).Trim();
        var principal = await PrincipalAsync(server, AccountRules.DefaultAdminEmail);

        var change = await ChangeAsync(server, principal, generated, NewPassword);

        Assert.True(change.Succeeded);
        Assert.NotNull(change.RefreshTicket);
        Assert.False(File.Exists(file));
        using var browser = await server.SignInAsync(AccountRules.DefaultAdminEmail, NewPassword);
        Assert.DoesNotContain(server.Logs.Messages, m => m.Contains(NewPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_else_changing_a_password_leaves_the_first_admin_file_alone()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Admin:Email"] = null, ["Admin:Password"] = null });
        await server.CreateUserAsync("vic@test.local", "vics-password-0123", Roles.Viewer);
        var file = Path.Combine(server.DataDir, FirstAdmin.PasswordFile);

        Assert.True((await ChangeAsync(server, await PrincipalAsync(server, "vic@test.local"), "vics-password-0123", NewPassword)).Succeeded);

        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_at_its_field_and_counts_toward_the_lockout()
    {
        await using var server = await TestServer.StartAsync();
        var principal = await PrincipalAsync(server, TestServer.AdminEmail);

        var wrong = await ChangeAsync(server, principal, "not-the-password-at-all", NewPassword);
        var mismatch = await ChangeAsync(server, principal, TestServer.AdminPassword, NewPassword, confirm: NewPassword + "x");
        var shortOne = await ChangeAsync(server, principal, TestServer.AdminPassword, "eleven-char");

        Assert.Equal("This is not your current password.", wrong.Errors[OwnAccount.CurrentPasswordField]);
        Assert.Equal("The two new passwords differ.", mismatch.Errors[OwnAccount.ConfirmPasswordField]);
        Assert.Contains("at least 12 characters", shortOne.Errors[OwnAccount.NewPasswordField]);
        Assert.Null(wrong.RefreshTicket);
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.Equal(1, await users.GetAccessFailedCountAsync((await users.FindByEmailAsync(TestServer.AdminEmail))!));
        // The old password still signs in.
        using var browser = await server.SignInAsync();
    }

    [Fact]
    public async Task The_refresh_ticket_buys_one_new_cookie_for_its_person_and_stamp_only()
    {
        await using var server = await TestServer.StartAsync();
        var principal = await PrincipalAsync(server, TestServer.AdminEmail);
        var ticket = (await ChangeAsync(server, principal, TestServer.AdminPassword, NewPassword)).RefreshTicket!;
        using var browser = server.NewBrowser();

        Assert.Equal(HttpStatusCode.BadRequest, (await RefreshAsync(browser, null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await RefreshAsync(browser, ticket[..^4] + "AAAA")).StatusCode);
        var renewed = await RefreshAsync(browser, ticket);
        Assert.Equal(HttpStatusCode.NoContent, renewed.StatusCode);
        Assert.Contains(renewed.Headers.GetValues("Set-Cookie"), c => c.StartsWith("linkwatch.auth=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).StatusCode);

        // A later change renews the stamp again: the old ticket is worth nothing.
        Assert.True((await ChangeAsync(server, principal, NewPassword, NewPassword + "-2")).Succeeded);
        using var other = server.NewBrowser();
        Assert.Equal(HttpStatusCode.BadRequest, (await RefreshAsync(other, ticket)).StatusCode);
    }

    private static async Task<HttpResponseMessage> RefreshAsync(HttpClient browser, string? ticket)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SignInRefresh.Path);
        if (ticket is not null)
            request.Headers.Add(SignInRefresh.Header, ticket);
        return await browser.SendAsync(request);
    }

    private static async Task<AccountChange> ChangeAsync(TestServer server, ClaimsPrincipal principal, string current, string next, string? confirm = null)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OwnAccount>().ChangePasswordAsync(principal, current, next, confirm ?? next).OrTimeout();
    }

    /// <summary>The principal a circuit of this person holds, as the sign-in cookie carries it.</summary>
    private static async Task<ClaimsPrincipal> PrincipalAsync(TestServer server, string email)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<IdentityUser>>();
        return await factory.CreateAsync((await users.FindByEmailAsync(email))!);
    }
}
