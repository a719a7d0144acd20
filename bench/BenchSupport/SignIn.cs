using System.Net;
using System.Text.RegularExpressions;

namespace Linkwatch.BenchSupport;

/// <summary>The first admin the bench gives the server, and a cookie-keeping HTTP client signed in through <c>/login</c>.</summary>
public static partial class SignIn
{
    public const string Email = "bench@localhost";
    public const string Password = "bench-admin-password-0123456789";

    public static IReadOnlyDictionary<string, string> ServerEnvironment { get; } =
        new Dictionary<string, string> { ["Admin__Email"] = Email, ["Admin__Password"] = Password };

    /// <summary>GETs the login form for its antiforgery token and cookie, posts the credentials, and expects the redirect.</summary>
    public static async Task<HttpClient> BrowserAsync(Uri baseUrl)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var form = await client.GetStringAsync("/login");
        var token = Token().Match(form);
        if (!token.Success)
            throw new InvalidOperationException("the login page has no antiforgery token");
        using var fields = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Email"] = Email,
            ["Input.Password"] = Password,
        });
        using var answer = await client.PostAsync("/login", fields);
        if (answer.StatusCode != HttpStatusCode.Found)
            throw new InvalidOperationException($"sign-in answered {(int)answer.StatusCode}, not a redirect");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
