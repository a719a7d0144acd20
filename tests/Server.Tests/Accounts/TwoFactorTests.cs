using System.Net;
using Linkwatch.Server.Accounts;
using Linkwatch.Server.Platform.Auth;
using Linkwatch.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Server.Tests.Accounts;

/// <summary>The two-factor step of the sign-in form, as a browser without JavaScript posts it.</summary>
public sealed class TwoFactorTests
{
    private const string Email = "tess@test.local";
    private const string Password = "tess-password-0123";

    [Fact]
    public async Task A_right_password_leads_to_the_code_step_keeping_the_return_url_and_a_right_code_signs_in()
    {
        await using var server = await TestServer.StartAsync();
        var key = await TwoFactorUserAsync(server);
        using var browser = server.NewBrowser();

        var password = await LoginForm.PostAsync(browser, Email, Password, "/login?ReturnUrl=%2Falerts");
        Assert.Equal(HttpStatusCode.Found, password.StatusCode);
        Assert.Equal("/login/two-factor?ReturnUrl=%2Falerts", password.Headers.Location!.PathAndQuery);
        // Not signed in yet: only the two-factor cookie, which opens nothing.
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync("/")).StatusCode);

        var page = await browser.GetStringAsync(password.Headers.Location);
        Assert.Contains("<label for=\"two-factor-code\">Authenticator code</label>", page);
        Assert.Contains(">Verify</button>", page);
        var code = await PostCodeAsync(browser, Totp.Code(key), "/login/two-factor?ReturnUrl=%2Falerts");
        Assert.Equal(HttpStatusCode.Found, code.StatusCode);
        Assert.Equal(new Uri(server.BaseAddress, "/alerts"), code.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/alerts")).StatusCode);
    }

    [Fact]
    public async Task Without_a_right_password_first_the_code_step_sends_the_browser_to_the_login_page()
    {
        await using var server = await TestServer.StartAsync();
        using var browser = server.NewBrowser();

        var response = await browser.GetAsync("/login/two-factor");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Five_wrong_codes_of_either_kind_lock_the_account_even_against_the_right_code()
    {
        await using var server = await TestServer.StartAsync();
        var key = await TwoFactorUserAsync(server);
        using var browser = server.NewBrowser();
        await LoginForm.PostAsync(browser, Email, Password);

        for (var i = 0; i < 5; i++)
        {
            var wrong = await PostCodeAsync(browser, i % 2 == 0 ? Totp.WrongCode(key) : "AAAAA-BBBBB");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var text = await wrong.Content.ReadAsStringAsync();
            Assert.Contains(i < 4 ? "This code is not valid." : "locked for 5 minutes", text);
        }
        var right = await PostCodeAsync(browser, Totp.Code(key));

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked for 5 minutes", await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync("/")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostCodeAsync(HttpClient browser, string code, string url = "/login/two-factor")
    {
        var page = await browser.GetStringAsync(url);
        return await browser.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "two-factor",
            ["__RequestVerificationToken"] = LoginForm.AntiforgeryToken(page),
            ["Input.Code"] = code,
        }));
    }

    /// <summary>A viewer with two-factor on, as /account leaves them; returns the authenticator key.</summary>
    private static async Task<string> TwoFactorUserAsync(TestServer server)
    {
        await server.CreateUserAsync(Email, Password, Roles.Viewer);
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = (await users.FindByEmailAsync(Email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        Assert.True(await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, Totp.Code(key)));
        await users.SetTwoFactorEnabledAsync(user, true);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        return key;
    }
}
