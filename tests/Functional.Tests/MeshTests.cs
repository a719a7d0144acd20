using System.Net;
using System.Text.Json.Nodes;

namespace Linkwatch.Functional.Tests;

/// <summary>Two real agents on one host, each with its own responder, checking each other through a mesh check.</summary>
public sealed class MeshTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_at_all_tcp_check_makes_two_agents_check_each_others_responder()
    {
        using var temp = new TempDirectory();
        await using var server = await ServerProcess.StartAsync(temp.Sub("server"));
        var dataA = temp.Sub("a");
        var dataB = temp.Sub("b");
        await AgentProcess.EnrollAsync(server.BaseUrl, "mesh-a", dataA);
        await AgentProcess.EnrollAsync(server.BaseUrl, "mesh-b", dataB);
        var baseA = FreePorts.Block(6);
        await using var agentA = AgentProcess.RunWithResponder(dataA, baseA);
        var baseB = FreePorts.Block(6);
        while (Math.Abs(baseB - baseA) < 6)
            baseB = FreePorts.Block(6);
        await using var agentB = AgentProcess.RunWithResponder(dataB, baseB);
        using var api = server.CreateApiClient();

        var checkId = await Api.CreateCheckAsync(api, new { name = "mesh tcp", kind = "tcp", target = "@all", intervalSeconds = 1 });

        static bool Has(JsonArray results, string agent, string peer) => results.Any(r =>
            r!["agent"]!.GetValue<string>() == agent && r["peer"]?.GetValue<string>() == peer && r["status"]!.GetValue<string>() == "up");
        var results = await Api.EventuallyAsync(
            () => Api.GetArrayAsync(api, $"/api/results?checkId={checkId}&limit=200"),
            r => Has(r, "mesh-a", "mesh-b") && Has(r, "mesh-b", "mesh-a"), Generous, "up results of mesh-a -> mesh-b and mesh-b -> mesh-a");

        var aToB = results.First(r => r!["agent"]!.GetValue<string>() == "mesh-a" && r["peer"]?.GetValue<string>() == "mesh-b" && r["status"]!.GetValue<string>() == "up")!;
        Assert.Equal("127.0.0.1", aToB["address"]!.GetValue<string>());
        Assert.All(results, r => Assert.NotEqual(r!["agent"]!.GetValue<string>(), r["peer"]?.GetValue<string>()));

        var agents = await Api.GetArrayAsync(api, "/api/agents");
        var b = agents.Single(x => x!["name"]!.GetValue<string>() == "mesh-b")!;
        Assert.Equal(baseB, b["responder"]!["tcpEcho"]!.GetValue<int>());
        Assert.Equal("127.0.0.1", b["responderAddresses"]![0]!.GetValue<string>());

        // The network watcher runs in both agents; their (probably empty) event lists are served.
        using var events = await api.GetAsync("/api/agents/mesh-a/events");
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);

        using var browser = await server.SignInAsync();
        using var page = await browser.GetAsync("/mesh");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-source=\"mesh-a\" data-target=\"mesh-b\" data-status=\"up\"", await page.Content.ReadAsStringAsync());

        foreach (var agent in new[] { agentA, agentB })
            Assert.DoesNotContain(agent.Output.Split('\n'), l => l.Contains("fail:", StringComparison.Ordinal) || l.Contains("crit:", StringComparison.Ordinal));
    }
}
