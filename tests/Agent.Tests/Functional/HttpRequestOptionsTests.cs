using System.Net;
using System.Text;
using System.Text.Json;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.Tests.Support;
using Linkwatch.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Linkwatch.Agent.Tests.Functional;

/// <summary>The http kind's request and response options against a real Kestrel server on loopback.</summary>
public sealed class HttpRequestOptionsTests : IAsyncLifetime
{
    private const string Token = "s3cr3t-token-value";
    private const string Password = "hunter2-password";
    private WebApplication? _app;
    private Uri _base = null!;
    private readonly List<string> _seen = [];

    public async Task InitializeAsync()
    {
        (_app, _base) = await LoopbackKestrel.StartAsync(app =>
        {
            app.Map("/echo", async context =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync(context.RequestAborted);
                lock (_seen)
                    _seen.Add($"{context.Request.Method} {context.Request.Headers["X-Probe"]} {context.Request.ContentType} {body}");
                await context.Response.WriteAsync($"method={context.Request.Method} probe={context.Request.Headers["X-Probe"]} body={body}");
            });
            app.MapGet("/bearer", (HttpContext c) => c.Request.Headers.Authorization == $"Bearer {Token}" ? Results.Ok("welcome") : Results.Unauthorized());
            app.MapGet("/basic", (HttpContext c) =>
                c.Request.Headers.Authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"monitor:{Password}"))
                    ? Results.Ok("welcome") : Results.Unauthorized());
            app.MapGet("/moved", () => Results.Redirect("/final"));
            app.MapGet("/final", () => "final page");
            app.MapGet("/loop", () => Results.Redirect("/loop"));
            app.MapGet("/nocontent", () => Results.NoContent());
            app.MapGet("/missing", () => Results.NotFound());
            app.MapGet("/health.json", () => Results.Text(
                """{"status":"up","version":"3.0","checks":{"db":"up","cache":"up"},"items":[1,2,3],"latency":12.5,"tags":["a","b"]}""",
                "application/json"));
            app.MapGet("/notjson", () => "<html>maintenance</html>");
            app.MapGet("/aaaa", () => new string('a', 64 * 1024) + "!");
            app.MapGet("/slow", async (HttpContext c) =>
            {
                await Task.Delay(400, c.RequestAborted);
                return "slow but fine";
            });
        });
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }

    private string Url(string path) => new Uri(_base, path).ToString();

    private static async Task<CheckOutcome> RunAsync(string url, object? options = null, string family = Families.Auto)
    {
        var json = options is null ? "{}" : JsonSerializer.Serialize(options);
        var request = new CheckRequest(CheckKinds.Http, url, family, TimeSpan.FromSeconds(5),
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!);
        return await new CheckRunner().RunAsync(request, CancellationToken.None).OrTimeout();
    }

    [Fact]
    public async Task Method_headers_and_body_reach_the_server_as_given()
    {
        var outcome = await RunAsync(Url("/echo"), new
        {
            method = "post",
            headers = new Dictionary<string, string> { ["X-Probe"] = "linkwatch", ["Content-Type"] = "application/json" },
            body = """{"q":1}""",
            expectBody = """method=POST probe=linkwatch body={"q":1}""",
        });
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
        lock (_seen)
            Assert.Equal("""POST linkwatch application/json {"q":1}""", Assert.Single(_seen));
    }

    [Fact]
    public async Task Bearer_token_is_sent_and_a_wrong_one_is_status_mismatch_without_the_token_in_the_message()
    {
        var ok = await RunAsync(Url("/bearer"), new { bearer = Token });
        Assert.Equal(Verdicts.Ok, ok.Verdict);

        var refused = await RunAsync(Url("/bearer"), new { bearer = "wrong-" + Token });
        Assert.Equal(Verdicts.StatusMismatch, refused.Verdict);
        Assert.Contains("status 401", refused.Message);
        Assert.DoesNotContain(Token, JsonSerializer.Serialize(refused, LinkwatchJsonContext.Default.CheckOutcome));
    }

    [Fact]
    public async Task Basic_auth_is_sent_and_a_wrong_password_is_status_mismatch_without_the_password_in_the_message()
    {
        Assert.Equal(Verdicts.Ok, (await RunAsync(Url("/basic"), new { basicAuth = $"monitor:{Password}" })).Verdict);

        var refused = await RunAsync(Url("/basic"), new { basicAuth = $"monitor:x{Password}" });
        Assert.Equal(Verdicts.StatusMismatch, refused.Verdict);
        Assert.DoesNotContain(Password, JsonSerializer.Serialize(refused, LinkwatchJsonContext.Default.CheckOutcome));
    }

    [Fact]
    public async Task Redirects_are_followed_by_default_and_judged_as_they_are_with_follow_redirects_off()
    {
        Assert.Equal(Verdicts.Ok, (await RunAsync(Url("/moved"), new { expectBody = "final page" })).Verdict);

        var first = await RunAsync(Url("/moved"), new { followRedirects = false, expectStatus = 200 });
        Assert.Equal(Verdicts.StatusMismatch, first.Verdict);
        Assert.Contains("status 302", first.Message);
        Assert.Equal(Verdicts.Ok, (await RunAsync(Url("/moved"), new { followRedirects = false, expectStatus = "301-302" })).Verdict);
    }

    [Fact]
    public async Task A_redirect_loop_stops_after_ten_and_fails_an_expectation_of_200()
    {
        var outcome = await RunAsync(Url("/loop"), new { expectStatus = 200 });
        Assert.Equal(Verdicts.StatusMismatch, outcome.Verdict);
        Assert.Contains("status 302", outcome.Message);
    }

    [Fact]
    public async Task Status_lists_and_ranges_accept_their_members_only()
    {
        Assert.Equal(Verdicts.Ok, (await RunAsync(Url("/nocontent"), new { expectStatus = "200-299,301" })).Verdict);
        Assert.Equal(Verdicts.Ok, (await RunAsync(Url("/missing"), new { expectStatus = "200,404" })).Verdict);
        var outcome = await RunAsync(Url("/missing"), new { expectStatus = "200-299,301" });
        Assert.Equal(Verdicts.StatusMismatch, outcome.Verdict);
        Assert.Contains("status 404, expected 200-299,301", outcome.Message);
    }

    [Fact]
    public async Task Body_regex_must_match_and_reject_body_must_be_absent()
    {
        Assert.Equal(Verdicts.Ok, (await RunAsync(Url("/final"), new { expectBodyRegex = "^final\\s+pa.e$" })).Verdict);
        var noMatch = await RunAsync(Url("/final"), new { expectBodyRegex = "^page" });
        Assert.Equal(Verdicts.BodyMismatch, noMatch.Verdict);
        Assert.Contains("does not match", noMatch.Message);

        var rejected = await RunAsync(Url("/notjson"), new { rejectBody = "maintenance" });
        Assert.Equal(Verdicts.BodyMismatch, rejected.Verdict);
        Assert.Contains("body contains 'maintenance'", rejected.Message);
        Assert.Equal(Verdicts.Ok, (await RunAsync(Url("/final"), new { rejectBody = "maintenance" })).Verdict);
    }

    [Fact]
    public async Task A_body_regex_that_backtracks_past_its_100_ms_timeout_is_body_mismatch_not_a_stalled_agent()
    {
        var outcome = await RunAsync(Url("/aaaa"), new { expectBodyRegex = "^(a+)+$" });
        Assert.Equal(Verdicts.BodyMismatch, outcome.Verdict);
        Assert.Contains("took over 100 ms", outcome.Message);
    }

    [Fact]
    public async Task Json_conditions_that_all_hold_are_ok()
    {
        var outcome = await RunAsync(Url("/health.json"), new
        {
            expectJson = new[]
            {
                "status == up", "checks.db == \"up\"", "items[2] == 3.0", "len(items) >= 3", "len(checks) == 2", "latency < 100",
                "tags contains \"b\"", "version contains 3.", "missing.path != 1", "$ != null", "version != 3",
            },
        });
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
    }

    [Theory]
    [InlineData("status == down", "found \"up\"")]
    [InlineData("items[5] == 1", "nothing at that path")]
    [InlineData("latency > 100", "found 12.5")]
    [InlineData("version == 3", "found \"3.0\"")]
    [InlineData("tags contains c", "found [\"a\",\"b\"]")]
    public async Task A_failed_json_condition_is_json_mismatch_naming_it_and_what_was_found(string condition, string found)
    {
        var outcome = await RunAsync(Url("/health.json"), new { expectJson = new[] { "status == up", condition } });
        Assert.Equal(Verdicts.JsonMismatch, outcome.Verdict);
        Assert.Equal(Statuses.Down, outcome.Status);
        Assert.Contains($"'{condition}' does not hold", outcome.Message);
        Assert.Contains(found, outcome.Message);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_json_mismatch()
    {
        var outcome = await RunAsync(Url("/notjson"), new { expectJson = new[] { "status == up" } });
        Assert.Equal(Verdicts.JsonMismatch, outcome.Verdict);
        Assert.Contains("not JSON", outcome.Message);
    }

    [Fact]
    public async Task A_response_slower_than_max_latency_is_too_slow_and_degraded()
    {
        var outcome = await RunAsync(Url("/slow"), new { maxLatencyMs = 100 });
        Assert.Equal(Verdicts.TooSlow, outcome.Verdict);
        Assert.Equal(Statuses.Degraded, outcome.Status);
        Assert.Contains("over the limit of 100 ms", outcome.Message);
        Assert.Equal(Verdicts.Ok, (await RunAsync(Url("/slow"), new { maxLatencyMs = 4000 })).Verdict);
    }

    [Fact]
    public async Task A_failing_check_keeps_its_own_verdict_under_max_latency()
    {
        var outcome = await RunAsync(Url("/missing"), new { maxLatencyMs = 1 });
        Assert.Equal(Verdicts.StatusMismatch, outcome.Verdict);
    }
}
