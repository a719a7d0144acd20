using System.Net;
using Linkwatch.Server.Platform.Auth;
using Linkwatch.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Server.Tests.Accounts;

public sealed class SignInTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_login_page_has_the_labelled_fields_and_the_button()
    {
        var page = await _server.NewClient(null).GetStringAsync("/login");

        Assert.Contains("<label for=\"login-email\">Email</label>", page);
        Assert.Contains("<label for=\"login-password\">Password</label>", page);
        Assert.Contains(">Sign in</button>", page);
        Assert.Contains("method=\"post\"", page);
    }

    [Fact]
    public async Task Signing_in_sets_an_http_only_cookie_that_opens_the_dashboard()
    {
        using var browser = _server.NewBrowser();
        var response = await LoginForm.PostAsync(browser, TestServer.AdminEmail, TestServer.AdminPassword);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(new Uri(_server.BaseAddress, "/"), response.Headers.Location);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("linkwatch.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData(TestServer.AdminEmail, "not-the-password-at-all")]
    [InlineData("nobody@test.local", TestServer.AdminPassword)]
    public async Task A_wrong_password_or_unknown_email_shows_one_message_keeps_the_email_and_sets_no_cookie(string email, string password)
    {
        using var browser = _server.NewBrowser();
        var response = await LoginForm.PostAsync(browser, email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Invalid email or password", page);
        Assert.Contains($"value=\"{email}\"", page);
        Assert.DoesNotContain(password, page);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("linkwatch.auth=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_five_minutes_even_against_the_right_one()
    {
        await _server.CreateUserAsync("locked@test.local", "right-password-123", Roles.Viewer);
        using var browser = _server.NewBrowser();
        for (var i = 0; i < 5; i++)
            await LoginForm.PostAsync(browser, "locked@test.local", "wrong-password-123");

        var response = await LoginForm.PostAsync(browser, "locked@test.local", "right-password-123");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked for 5 minutes", await response.Content.ReadAsStringAsync());
        await using var scope = _server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var end = (await users.FindByEmailAsync("locked@test.local"))!.LockoutEnd!.Value;
        Assert.InRange(end - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4.5), TimeSpan.FromMinutes(5));
    }

    [Theory]
    [InlineData("http%3A%2F%2Fevil.example%2F", "/")]
    [InlineData("%2F%2Fevil.example%2F", "/")]
    [InlineData("%2F%5Cevil.example%2F", "/")]
    [InlineData("%2Fmesh", "/mesh")]
    public async Task Sign_in_returns_to_a_local_ReturnUrl_only(string returnUrl, string expected)
    {
        using var browser = _server.NewBrowser();
        var response = await LoginForm.PostAsync(browser, TestServer.AdminEmail, TestServer.AdminPassword, "/login?ReturnUrl=" + returnUrl);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(new Uri(_server.BaseAddress, expected), response.Headers.Location);
    }

    [Fact]
    public async Task Logout_clears_the_cookie_and_needs_the_antiforgery_token()
    {
        using var browser = await _server.SignInAsync();
        var token = LoginForm.AntiforgeryToken(await browser.GetStringAsync("/login"));

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/logout", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        var response = await browser.PostAsync("/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("linkwatch.auth=;", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_viewer_reads_pages_but_the_cookie_never_opens_the_api()
    {
        await _server.CreateUserAsync("viewer@test.local", "viewer-password-1", Roles.Viewer);
        using var browser = await _server.SignInAsync("viewer@test.local", "viewer-password-1");

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/mesh")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/checks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/metrics")).StatusCode);
    }
}
