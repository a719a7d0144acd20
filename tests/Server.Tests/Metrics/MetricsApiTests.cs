using Linkwatch.Server.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Shared;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Linkwatch.Server.Platform.Store;

namespace Linkwatch.Server.Tests.Metrics;

public sealed class MetricsApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-the-key", HttpStatusCode.Unauthorized)]
    [InlineData(TestServer.EnrollToken, HttpStatusCode.Forbidden)]
    public async Task Metrics_without_the_api_key_are_refused(string? bearer, HttpStatusCode expected)
    {
        using var client = _server.NewClient(bearer);

        var response = await client.GetAsync("/metrics");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_with_the_api_key_show_agents_checks_and_ingest_after_a_result_arrives_through_the_hub()
    {
        var scrape = await SubmitAndScrapeAsync();

        Assert.Contains("linkwatch_agent_online{agent=\"edge-1\"} 1\n", scrape);
        Assert.Matches(@"\nlinkwatch_agent_last_seen_timestamp_seconds\{agent=""edge-1""\} \d{10}(\.\d+)?\n", scrape);
        Assert.Contains("linkwatch_check_status{check_id=\"1\",check=\"web \\\"edge\\\" \\\\ eu\",kind=\"tcp\",agent=\"edge-1\",family=\"ipv4\",status=\"up\"} 1\n", scrape);
        Assert.Contains("linkwatch_check_status{check_id=\"1\",check=\"web \\\"edge\\\" \\\\ eu\",kind=\"tcp\",agent=\"edge-1\",family=\"ipv4\",status=\"down\"} 0\n", scrape);
        Assert.Contains("linkwatch_check_success{check_id=\"1\",check=\"web \\\"edge\\\" \\\\ eu\",kind=\"tcp\",agent=\"edge-1\",family=\"ipv4\"} 1\n", scrape);
        Assert.Contains("linkwatch_check_latency_seconds{check_id=\"1\",check=\"web \\\"edge\\\" \\\\ eu\",kind=\"tcp\",agent=\"edge-1\",family=\"ipv4\",phase=\"connect\"} 0.0015\n", scrape);
        Assert.Contains("linkwatch_check_last_result_timestamp_seconds{check_id=\"1\",check=\"web \\\"edge\\\" \\\\ eu\",kind=\"tcp\",agent=\"edge-1\",family=\"ipv4\"} 1795342272.345\n", scrape);
        // A check run per family: the combined status plus one series per family, latency only on the family that answered.
        Assert.Contains("linkwatch_check_status{check_id=\"2\",check=\"dual\",kind=\"tcp\",agent=\"edge-1\",family=\"both\",status=\"degraded\"} 1\n", scrape);
        Assert.Contains("linkwatch_check_success{check_id=\"2\",check=\"dual\",kind=\"tcp\",agent=\"edge-1\",family=\"ipv4\"} 1\n", scrape);
        Assert.Contains("linkwatch_check_success{check_id=\"2\",check=\"dual\",kind=\"tcp\",agent=\"edge-1\",family=\"ipv6\"} 0\n", scrape);
        Assert.Contains("linkwatch_check_latency_seconds{check_id=\"2\",check=\"dual\",kind=\"tcp\",agent=\"edge-1\",family=\"ipv4\",phase=\"connect\"} 0.002\n", scrape);
        Assert.DoesNotContain("family=\"ipv6\",phase=", scrape);
        Assert.Contains("\nlinkwatch_results_ingested_total 3\n", scrape);
        Assert.Contains("linkwatch_alerts_open{rule_id=\"1\",rule=\"dual \\\"down\\\"\\nsecond line\"} 1\n", scrape);
    }

    [Fact]
    public async Task A_family_without_an_address_has_success_0_and_no_latency()
    {
        var credential = await _server.EnrollAsync("edge-1");
        var dual = await _server.CreateCheckAsync(new { name = "dual", kind = "tcp", target = "dual.lan:443", intervalSeconds = 10, family = "both" });
        var v6 = await _server.CreateCheckAsync(new { name = "v6", kind = "tcp", target = "dual.lan:443", intervalSeconds = 10, family = "ipv6" });
        await using var agent = await _server.ConnectAgentAsync(credential);
        await agent.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), new AgentHello { Version = "1.0" }).OrTimeout();
        var startedAt = new DateTimeOffset(2026, 11, 22, 10, 11, 12, 345, TimeSpan.Zero);
        AgentResult[] batch =
        [
            TestData.Result(dual, startedAt, Statuses.Up, Verdicts.Ok,
                new AttemptResult { Family = "ipv4", Status = Statuses.Up, Verdict = Verdicts.Ok, Phases = new() { ["connect"] = 2 } },
                new AttemptResult { Family = "ipv6", Status = Statuses.Absent, Verdict = Verdicts.NoAddress, Phases = new() { ["resolve"] = 1 } }),
            TestData.Result(v6, startedAt, Statuses.Up, Verdicts.NoAddress,
                new AttemptResult { Family = "ipv6", Status = Statuses.Absent, Verdict = Verdicts.NoAddress, Phases = new() { ["resolve"] = 1 } }),
        ];
        var ack = await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), batch).OrTimeout();
        Assert.Equal(2, ack.Committed.Count);

        var scrape = await _server.Api.GetStringAsync("/metrics");

        Assert.Contains($"linkwatch_check_success{{check_id=\"{dual}\",check=\"dual\",kind=\"tcp\",agent=\"edge-1\",family=\"both\"}} 1\n", scrape);
        Assert.Contains($"linkwatch_check_success{{check_id=\"{dual}\",check=\"dual\",kind=\"tcp\",agent=\"edge-1\",family=\"ipv4\"}} 1\n", scrape);
        Assert.Contains($"linkwatch_check_success{{check_id=\"{dual}\",check=\"dual\",kind=\"tcp\",agent=\"edge-1\",family=\"ipv6\"}} 0\n", scrape);
        Assert.Contains($"linkwatch_check_success{{check_id=\"{v6}\",check=\"v6\",kind=\"tcp\",agent=\"edge-1\",family=\"ipv6\"}} 0\n", scrape);
        Assert.DoesNotContain("family=\"ipv6\",phase=", scrape);
    }

    [PromtoolFact]
    public async Task Promtool_accepts_the_scrape()
    {
        var scrape = await SubmitAndScrapeAsync();

        var (exitCode, output) = await Promtool.CheckMetricsAsync(scrape);

        Assert.True(exitCode == 0, $"promtool check metrics exited {exitCode}:\n{output}\n--- scrape ---\n{scrape}");
    }

    /// <summary>One agent, a plain check (whose name needs escaping) and a per-family check, results through the hub, an open alert.</summary>
    private async Task<string> SubmitAndScrapeAsync()
    {
        var credential = await _server.EnrollAsync("edge-1");
        var plain = await _server.CreateCheckAsync(new { name = "web \"edge\" \\ eu", kind = "tcp", target = "web.lan:443", intervalSeconds = 10, family = "ipv4" });
        var dual = await _server.CreateCheckAsync(new { name = "dual", kind = "tcp", target = "dual.lan:443", intervalSeconds = 10, family = "both" });
        await using var agent = await _server.ConnectAgentAsync(credential);
        await agent.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), new AgentHello { Version = "1.0" }).OrTimeout();
        var startedAt = new DateTimeOffset(2026, 11, 22, 10, 11, 12, 345, TimeSpan.Zero);
        AgentResult[] batch =
        [
            TestData.Result(plain, startedAt.AddSeconds(-10), Statuses.Down, Verdicts.ConnectTimeout,
                new AttemptResult { Family = "ipv4", Status = "down", Verdict = "connect_timeout", Phases = new() { ["connect"] = 5000 } }),
            TestData.Result(plain, startedAt, Statuses.Up, Verdicts.Ok,
                new AttemptResult { Family = "ipv4", Status = "up", Verdict = "ok", Phases = new() { ["resolve"] = 0.25, ["connect"] = 1.5 } }),
            TestData.Result(dual, startedAt, Statuses.Degraded, Verdicts.Ipv6Failing,
                new AttemptResult { Family = "ipv4", Status = "up", Verdict = "ok", Phases = new() { ["connect"] = 2 } },
                new AttemptResult { Family = "ipv6", Status = "down", Verdict = "connect_refused", Phases = new() { ["connect"] = 0.1 } }),
        ];
        var ack = await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), batch).OrTimeout();
        Assert.Equal(3, ack.Committed.Count);
        await AddOpenAlertAsync("dual \"down\"\nsecond line", dual);

        var response = await _server.Api.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Straight into the store: opening one through the engine would only add waiting to this test.</summary>
    private async Task AddOpenAlertAsync(string ruleName, long checkId)
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
        var rule = new AlertRule { Name = ruleName, CheckId = checkId };
        db.AlertRules.Add(rule);
        await db.SaveChangesAsync();
        db.Alerts.Add(new Alert { RuleId = rule.Id, CheckId = checkId, Verdict = Verdicts.Ipv6Failing, Status = Statuses.Degraded });
        db.Alerts.Add(new Alert { RuleId = rule.Id, CheckId = checkId, Verdict = Verdicts.Ok, Status = Statuses.Up, State = AlertStates.Resolved });
        await db.SaveChangesAsync();
    }
}
