using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Linkwatch.Functional.Tests;

/// <summary>The real server and the real agent program, end to end over loopback.</summary>
public sealed class AgentPipelineTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Enrolled_agent_runs_a_check_created_through_the_api_and_its_results_are_stored()
    {
        using var temp = new TempDirectory();
        using var target = new TcpTarget();
        await using var server = await ServerProcess.StartAsync(temp.Sub("server"));
        var agentData = temp.Sub("agent");
        await AgentProcess.EnrollAsync(server.BaseUrl, "edge-1", agentData);
        await using var agent = AgentProcess.Run(agentData);
        using var api = server.CreateApiClient();

        var checkId = await Api.CreateCheckAsync(api, new { name = "loopback tcp", kind = "tcp", target = target.Target, intervalSeconds = 1 });

        var results = await Api.EventuallyAsync(
            () => Api.GetArrayAsync(api, $"/api/results?checkId={checkId}"),
            r => r.Count >= 2, Generous, "two results of the new check");
        var newest = results[0]!;
        Assert.Equal("edge-1", newest["agent"]!.GetValue<string>());
        Assert.Equal("up", newest["status"]!.GetValue<string>());
        Assert.Equal("ok", newest["verdict"]!.GetValue<string>());
        Assert.Equal(checkId, newest["checkId"]!.GetValue<long>());
        Assert.EndsWith("Z", newest["startedAt"]!.GetValue<string>());
        Assert.True(newest["phases"]!["connect"] is not null, newest.ToJsonString());

        var agents = await Api.GetArrayAsync(api, "/api/agents");
        var edge = agents.Single(a => a!["name"]!.GetValue<string>() == "edge-1")!;
        Assert.True(edge["online"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Results_produced_while_the_server_is_down_are_stored_exactly_once_after_it_returns()
    {
        using var temp = new TempDirectory();
        using var target = new TcpTarget();
        await using var server = await ServerProcess.StartAsync(temp.Sub("server"));
        var port = server.BaseUrl.Port;
        var agentData = temp.Sub("agent");
        await AgentProcess.EnrollAsync(server.BaseUrl, "outbox-agent", agentData);
        await using var agent = AgentProcess.Run(agentData);
        using (var api = server.CreateApiClient())
        {
            var id = await Api.CreateCheckAsync(api, new { name = "gap", kind = "tcp", target = target.Target, intervalSeconds = 1 });
            await Api.EventuallyAsync(() => Api.GetArrayAsync(api, $"/api/results?checkId={id}"), r => r.Count >= 1, Generous, "a first result");
        }

        var outageStart = DateTimeOffset.UtcNow;
        await server.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(8));
        var outageEnd = DateTimeOffset.UtcNow;
        await server.StartAgainAsync(port);
        var outage = outageEnd - outageStart;

        using var again = server.CreateApiClient();
        // Wait until results newer than the restart arrive: by then the backlog has been sent (oldest first).
        var all = await Api.EventuallyAsync(
            () => Api.GetArrayAsync(again, "/api/results?limit=100000"),
            r => r.Any(x => StartedAt(x!) > outageEnd.AddSeconds(1)), Generous, "results after the restart");

        var ids = all.Select(r => r!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var starts = all.Select(r => r!["startedAt"]!.GetValue<string>()).ToList();
        Assert.Equal(starts.Count, starts.Distinct().Count());
        var inGap = all.Count(r => StartedAt(r!) > outageStart && StartedAt(r!) < outageEnd);
        var required = (int)Math.Floor(outage.TotalSeconds / 1) - 1;
        Assert.True(inGap >= required, $"{inGap} results inside the {outage.TotalSeconds:F1} s outage, need at least {required}");
    }

    [Fact]
    public async Task Revoking_an_agent_closes_its_live_connection_and_refuses_it_afterwards()
    {
        using var temp = new TempDirectory();
        using var target = new TcpTarget();
        await using var server = await ServerProcess.StartAsync(temp.Sub("server"));
        var agentData = temp.Sub("agent");
        await AgentProcess.EnrollAsync(server.BaseUrl, "doomed", agentData);
        await using var agent = AgentProcess.Run(agentData);
        using var api = server.CreateApiClient();
        var checkId = await Api.CreateCheckAsync(api, new { name = "r", kind = "tcp", target = target.Target, intervalSeconds = 1 });
        await Api.EventuallyAsync(() => Api.GetArrayAsync(api, $"/api/results?checkId={checkId}"), r => r.Count >= 1, Generous, "a first result");

        using var revoke = await api.DeleteAsync("/api/agents/doomed");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        await agent.WaitForLineAsync(l => l.Contains("Connection to the server lost", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await agent.WaitForLineAsync(l => l.Contains("refused this agent's credential", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var agents = await Api.GetArrayAsync(api, "/api/agents");
        var doomed = agents.SingleOrDefault(a => a!["name"]!.GetValue<string>() == "doomed");
        Assert.True(doomed is null || !doomed["online"]!.GetValue<bool>(), doomed?.ToJsonString());
    }

    [Fact]
    public async Task Enroll_with_a_wrong_token_fails_with_one_line()
    {
        using var temp = new TempDirectory();
        await using var server = await ServerProcess.StartAsync(temp.Sub("server"));
        await using var enroll = ChildProcess.Start(Repo.AgentDll,
            ["enroll", "--server", server.BaseUrl.ToString(), "--token", "not-the-token-at-all-xyz", "--data-dir", temp.Sub("agent")]);
        var exit = await enroll.WaitForExitAsync(Generous);
        Assert.Equal(1, exit);
        Assert.Contains("refused the enrollment token", enroll.Output);
        Assert.False(File.Exists(Path.Combine(temp.Path, "agent", "credentials.json")));
    }

    private static DateTimeOffset StartedAt(JsonNode result) =>
        DateTimeOffset.Parse(result["startedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
}
