using Linkwatch.Shared;
using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Server.History;
using Linkwatch.Server.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Server.Tests.History;

public sealed class HistoryApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Uptime_and_series_equal_the_raw_results_of_a_check_down_for_a_known_part_of_the_run_before_and_after_the_rollup()
    {
        var credential = await _server.EnrollAsync("historian");
        var checkId = await _server.CreateCheckAsync(new { name = "h", kind = "tcp", target = "h.lan:80", intervalSeconds = 60 });
        await using var agent = await _server.ConnectAgentAsync(credential);
        var now = DateTimeOffset.UtcNow;
        var batch = new List<AgentResult>();
        for (var i = 0; i < 60; i++)
        {
            var at = now.AddMinutes(-60 + i);
            // Down for 15 minutes in the middle, degraded for 5, one run with both families (one result, counted once).
            var (status, verdict) = i is >= 20 and < 35 ? (Statuses.Down, Verdicts.ConnectRefused) : i is >= 40 and < 45 ? (Statuses.Degraded, Verdicts.Ipv6Failing) : (Statuses.Up, Verdicts.Ok);
            var attempts = i == 50
                ? new[]
                {
                    new AttemptResult { Family = "ipv4", Status = "up", Verdict = "ok", Phases = new() { ["total"] = 10 } },
                    new AttemptResult { Family = "ipv6", Status = "up", Verdict = "ok", Phases = new() { ["total"] = 12 } },
                }
                : [new AttemptResult { Family = "ipv4", Status = status, Verdict = verdict, Phases = status == Statuses.Down ? [] : new() { ["total"] = 20 + i } }];
            batch.Add(TestData.Result(checkId, at, status, verdict, attempts));
        }
        await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), batch).OrTimeout();

        async Task AssertUptimeAsync()
        {
            var uptime = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/checks/{checkId}/uptime?window=24h");
            Assert.Equal(("24h", 40, 5, 15, 60), (uptime.GetProperty("window").GetString(), uptime.GetProperty("up").GetInt32(),
                uptime.GetProperty("degraded").GetInt32(), uptime.GetProperty("down").GetInt32(), uptime.GetProperty("total").GetInt32()));
            Assert.Equal(45.0 / 60, uptime.GetProperty("uptime").GetDouble(), 9);
            var mine = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/checks/{checkId}/uptime?window=365d&agent=historian");
            Assert.Equal(60, mine.GetProperty("total").GetInt32());
            var series = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/checks/{checkId}/series");
            Assert.Equal(60, series.EnumerateArray().Sum(s => s.GetProperty("buckets").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32())));
            Assert.Equal(["historian"], series.EnumerateArray().Select(s => s.GetProperty("agent").GetString()).Distinct());
            Assert.Equal(["both", "ipv4"], series.EnumerateArray().Select(s => s.GetProperty("family").GetString()).Order());
            var hourly = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/checks/{checkId}/series?step=1h&family=ipv4&from={Iso(now.AddDays(-3))}");
            var buckets = Assert.Single(hourly.EnumerateArray()).GetProperty("buckets");
            Assert.Equal(59, buckets.EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()));
            Assert.Equal(15, buckets.EnumerateArray().Sum(b => b.GetProperty("down").GetInt32()));
        }

        // Before the rollup the reads come from the raw results; after it from the rollups; the answers are the same.
        await AssertUptimeAsync();
        var builder = _server.Services.GetRequiredService<RollupBuilder>();
        await builder.RunAsync(CancellationToken.None, DateTimeOffset.UtcNow.AddMilliseconds(1)).OrTimeout();
        await AssertUptimeAsync();

        var raw = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/checks/{checkId}/series?step=raw&family=both");
        var one = Assert.Single(Assert.Single(raw.EnumerateArray()).GetProperty("buckets").EnumerateArray());
        Assert.Equal((1, 1, 10.0), (one.GetProperty("count").GetInt32(), one.GetProperty("up").GetInt32(), one.GetProperty("p95").GetDouble()));
    }

    [Fact]
    public async Task Bad_queries_are_400_naming_the_parameter_and_an_unknown_check_is_404()
    {
        var checkId = await _server.CreateCheckAsync(new { name = "q", kind = "tcp", target = "q.lan:80", intervalSeconds = 60 });

        var empty = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/checks/{checkId}/uptime");
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("uptime").ValueKind);
        Assert.Equal(0, empty.GetProperty("total").GetInt32());

        await ProblemAssert.NamesFieldAsync(await _server.Api.GetAsync($"/api/checks/{checkId}/uptime?window=2h"), "window");
        await ProblemAssert.NamesFieldAsync(await _server.Api.GetAsync($"/api/checks/{checkId}/series?step=5m"), "step");
        await ProblemAssert.NamesFieldAsync(await _server.Api.GetAsync($"/api/checks/{checkId}/series?step=1m&from=2020-01-01T00:00:00Z"), "step");
        await ProblemAssert.NamesFieldAsync(await _server.Api.GetAsync($"/api/checks/{checkId}/series?from=yesterday"), "from");
        await ProblemAssert.NamesFieldAsync(await _server.Api.GetAsync($"/api/checks/{checkId}/series?family=ipv5"), "family");
        // Defaults to the finest step within 1,500 buckets: a year at 1d is fine.
        Assert.Equal(HttpStatusCode.OK, (await _server.Api.GetAsync($"/api/checks/{checkId}/series?from={Iso(DateTimeOffset.UtcNow.AddDays(-365))}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Api.GetAsync($"/api/checks/{checkId + 999}/uptime")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.NewClient(null).GetAsync($"/api/checks/{checkId}/uptime")).StatusCode);
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
}
