using System.Text.Json;
using Linkwatch.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Linkwatch.Agent.Tests.Cli;

/// <summary>The http flags of <c>linkwatch-agent check</c>, run as a process against Kestrel on loopback.</summary>
public sealed class CheckHttpOptionsCliTests : IAsyncLifetime
{
    private WebApplication? _app;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        (_app, _base) = await LoopbackKestrel.StartAsync(app =>
        {
            app.MapPost("/api", async (HttpContext c) =>
            {
                using var reader = new StreamReader(c.Request.Body);
                var body = await reader.ReadToEndAsync(c.RequestAborted);
                var authorized = c.Request.Headers.Authorization == "Bearer tok-123" && c.Request.Headers["X-Tenant"] == "blue";
                return authorized
                    ? Results.Text($$"""{"status":"up","echo":{{body}},"items":[1,2]}""", "application/json")
                    : Results.Unauthorized();
            });
            app.MapGet("/moved", () => Results.Redirect("/final"));
            app.MapGet("/final", () => "final page");
            app.MapGet("/slow", async (HttpContext c) =>
            {
                await Task.Delay(400, c.RequestAborted);
                return "slow";
            });
        });
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }

    private string Url(string path) => new Uri(_base, path).ToString();

    private static JsonElement Json(AgentProcess.Result result)
    {
        using var document = JsonDocument.Parse(Assert.Single(result.StdOutLines));
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Post_with_headers_bearer_body_and_json_conditions_exits_0()
    {
        var result = await AgentProcess.RunAsync("check", "http", Url("/api"), "--method", "POST", "--header", "X-Tenant: blue",
            "--header", "Content-Type: application/json", "--bearer", "tok-123", "--body", """{"n":5}""",
            "--expect-json", "status == up", "--expect-json", "echo.n >= 5", "--expect-json", "len(items) == 2", "--json");
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Equal(Verdicts.Ok, Json(result).GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task A_failed_json_condition_exits_2_with_json_mismatch()
    {
        var result = await AgentProcess.RunAsync("check", "http", Url("/api"), "--method", "POST", "--header", "X-Tenant: blue",
            "--bearer", "tok-123", "--body", "{}", "--expect-json", "status == down", "--json");
        Assert.Equal(2, result.ExitCode);
        var json = Json(result);
        Assert.Equal(Verdicts.JsonMismatch, json.GetProperty("verdict").GetString());
        Assert.DoesNotContain("tok-123", result.StdOut);
    }

    [Fact]
    public async Task Wrong_credentials_exit_2_with_status_mismatch_and_the_secret_nowhere_in_the_output()
    {
        var result = await AgentProcess.RunAsync("check", "http", Url("/api"), "--method", "POST", "--basic-auth", "me:pa55word-xyz",
            "--expect-status", "200-299", "--json");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(Verdicts.StatusMismatch, Json(result).GetProperty("verdict").GetString());
        Assert.DoesNotContain("pa55word-xyz", result.StdOut + result.StdErr);
    }

    [Fact]
    public async Task No_follow_judges_the_redirect_itself()
    {
        var followed = await AgentProcess.RunAsync("check", "http", Url("/moved"), "--expect-body", "final page", "--json");
        Assert.Equal(0, followed.ExitCode);
        var first = await AgentProcess.RunAsync("check", "http", Url("/moved"), "--no-follow", "--expect-status", "200", "--json");
        Assert.Equal(2, first.ExitCode);
        Assert.Equal(Verdicts.StatusMismatch, Json(first).GetProperty("verdict").GetString());
        var redirect = await AgentProcess.RunAsync("check", "http", Url("/moved"), "--no-follow", "--expect-status", "301,302", "--json");
        Assert.Equal(0, redirect.ExitCode);
    }

    [Fact]
    public async Task Regex_and_reject_body_exit_2_on_a_mismatch()
    {
        var regex = await AgentProcess.RunAsync("check", "http", Url("/final"), "--expect-body-regex", "^fin.l", "--json");
        Assert.Equal(0, regex.ExitCode);
        var rejected = await AgentProcess.RunAsync("check", "http", Url("/final"), "--reject-body", "final", "--json");
        Assert.Equal(2, rejected.ExitCode);
        Assert.Equal(Verdicts.BodyMismatch, Json(rejected).GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Max_latency_exits_1_with_too_slow()
    {
        var result = await AgentProcess.RunAsync("check", "http", Url("/slow"), "--max-latency", "100", "--json");
        Assert.Equal(1, result.ExitCode);
        var json = Json(result);
        Assert.Equal(Verdicts.TooSlow, json.GetProperty("verdict").GetString());
        Assert.Equal(Statuses.Degraded, json.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("--expect-json", "status", "--expect-json[0] has no operator")]
    [InlineData("--expect-status", "2xx", "--expect-status '2xx' is not a status 100-599")]
    [InlineData("--header", "NoColon", "--header: 'NoColon' is not 'Name: value'")]
    [InlineData("--header", "Host: x", "--header Host: the Host header is set by the agent")]
    [InlineData("--max-latency", "0", "--max-latency must be between 1 and 300000, not 0")]
    [InlineData("--proxy", "ftp://p:21", "--proxy must be an HTTP proxy URL")]
    [InlineData("--expect-body-regex", "(", "--expect-body-regex is not a valid regular expression")]
    public async Task Bad_http_flags_exit_3_with_one_line_naming_the_flag(string flag, string value, string message)
    {
        var result = await AgentProcess.RunAsync("check", "http", Url("/final"), flag, value, "--json");
        Assert.Equal(3, result.ExitCode);
        Assert.Empty(result.StdOut);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(message, line);
    }

    [Fact]
    public async Task Max_latency_on_a_kind_without_connections_exits_3()
    {
        var result = await AgentProcess.RunAsync("check", "dns", "example.test", "--server", "127.0.0.1:1", "--max-latency", "10");
        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("--max-latency does not apply to kind dns", result.StdErr);
    }
}
