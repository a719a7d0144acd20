using System.Net;
using System.Net.Http.Json;
using Linkwatch.Server.Tests.Support;
using Linkwatch.Shared;

namespace Linkwatch.Server.Tests.Limits;

/// <summary>Failed sign-ins and failed enrollments are throttled per address; successes never are.</summary>
public sealed class FailedAttemptLimitTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Limits:FailedSignInsPerMinute"] = "3",
        ["Limits:FailedEnrollmentsPerMinute"] = "3",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task After_the_failed_sign_ins_of_the_minute_even_the_right_password_is_refused_with_429()
    {
        using var browser = _server.NewBrowser();
        // Different accounts each time: the per-account lockout never comes into play.
        for (var i = 0; i < 3; i++)
        {
            var wrong = await LoginForm.PostAsync(browser, $"nobody{i}@test.local", "wrong-password-123");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Invalid email or password.", await wrong.Content.ReadAsStringAsync());
        }

        var right = await LoginForm.PostAsync(browser, TestServer.AdminEmail, TestServer.AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("Too many failed sign-ins from this address", await right.Content.ReadAsStringAsync());
        Assert.False(right.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("linkwatch.auth=", StringComparison.Ordinal)));
        Assert.Matches(@"linkwatch_limit_throttled_total\{limit=""sign_in""\} 1", await _server.Api.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task Successful_sign_ins_are_not_counted()
    {
        for (var i = 0; i < 8; i++)
        {
            using var browser = _server.NewBrowser();
            Assert.Equal(HttpStatusCode.Found, (await LoginForm.PostAsync(browser, TestServer.AdminEmail, TestServer.AdminPassword)).StatusCode);
        }
    }

    [Fact]
    public async Task After_the_failed_enrollments_of_the_minute_even_the_right_token_is_refused_with_429_and_Retry_After()
    {
        using var wrong = _server.NewClient("not-the-enrollment-token");
        using var right = _server.NewClient(TestServer.EnrollToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsJsonAsync(HubPaths.Enroll, new { name = "guess-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsJsonAsync(HubPaths.Enroll, new { name = "guess-2" })).StatusCode);
        // A taken name is a failure too: it is how names are probed.
        Assert.Equal(HttpStatusCode.OK, (await right.PostAsJsonAsync(HubPaths.Enroll, new { name = "taken" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await right.PostAsJsonAsync(HubPaths.Enroll, new { name = "taken" })).StatusCode);

        var refused = await right.PostAsJsonAsync(HubPaths.Enroll, new { name = "fresh" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains("Too many failed enrollments", await refused.Content.ReadAsStringAsync());
        Assert.Matches(@"linkwatch_limit_throttled_total\{limit=""enroll""\} 1", await _server.Api.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task Successful_enrollments_are_not_counted()
    {
        using var right = _server.NewClient(TestServer.EnrollToken);
        for (var i = 0; i < 8; i++)
            Assert.Equal(HttpStatusCode.OK, (await right.PostAsJsonAsync(HubPaths.Enroll, new { name = $"ok-{i}" })).StatusCode);
    }
}
