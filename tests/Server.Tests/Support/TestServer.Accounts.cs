using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Server.Tests.Support;

/// <summary>People and sign-in, as a browser does it: GET /login for the antiforgery token, then POST the form.</summary>
public sealed partial class TestServer
{
    /// <summary>The first admin every test server is given through Admin:Email / Admin:Password.</summary>
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "test-admin-password-0123";

    public async Task CreateUserAsync(string email, string password, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient NewBrowser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
            Timeout = Timeout,
        };

    /// <summary>A browser holding the sign-in cookie of <paramref name="email"/>.</summary>
    public async Task<HttpClient> SignInAsync(string email = AdminEmail, string password = AdminPassword)
    {
        var browser = NewBrowser();
        var response = await PostLoginAsync(browser, email, password);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return browser;
    }

    /// <summary>Fills in and posts the sign-in form at <paramref name="loginUrl"/> (which may carry a ReturnUrl).</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, string email, string password, string loginUrl = "/login")
    {
        var page = await browser.GetStringAsync(loginUrl);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await browser.PostAsync(loginUrl, form);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(match.Success, "the page has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
