using System.Net;
using System.Text.RegularExpressions;

namespace Linkwatch.TestSupport;

/// <summary>
/// Signs in as a browser without JavaScript does: GET <c>/login</c> for the antiforgery token (and its cookie), then
/// POST the form. The form's fields are <c>Input.Email</c> and <c>Input.Password</c>; <c>_handler=login</c> names it.
/// </summary>
public static partial class LoginForm
{
    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public static HttpClient NewBrowser(Uri baseAddress) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(15),
        };

    /// <summary>A browser holding the sign-in cookie of <paramref name="email"/>.</summary>
    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string email, string password)
    {
        var browser = NewBrowser(baseAddress);
        var response = await PostAsync(browser, email, password);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return browser;
    }

    /// <summary>Fills in and posts the sign-in form at <paramref name="loginUrl"/> (which may carry a ReturnUrl).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string email, string password, string loginUrl = "/login")
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
        var match = TokenField().Match(html);
        Assert.True(match.Success, "the page has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
