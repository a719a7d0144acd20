using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Linkwatch.Functional.Tests;

/// <summary>"Run now": the real server asks the real agent (a process, or the server's embedded one) to run one check once.</summary>
public sealed class RunNowTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task Run_now_of_a_tcp_check_answers_up_for_a_listener_and_down_for_a_closed_port_without_storing_either()
    {
        using var api = Server.CreateApiClient();
        using var target = new TcpTarget();
        var closed = ClosedPort();
        var data = fixture.Temp("runner");
        await AgentProcess.EnrollAsync(Server.BaseUrl, "runner", data);
        await using var agent = AgentProcess.Run(data);
        await WaitOnlineAsync(api, "runner");
        // An hour apart, so the scheduled runs (the first comes within seconds) are few and told apart by id.
        var open = await Api.CreateCheckAsync(api, new { name = "open port", kind = "tcp", target = target.Target, intervalSeconds = 3600, agents = new[] { "runner" } });
        var shut = await Api.CreateCheckAsync(api, new { name = "closed port", kind = "tcp", target = $"127.0.0.1:{closed}", intervalSeconds = 3600, agents = new[] { "runner" } });

        var up = Assert.Single(await RunAsync(api, open, "runner"))!;
        var down = Assert.Single(await RunAsync(api, shut, "runner"))!;

        Assert.Equal(("up", "ok", "runner", open), (Str(up, "status"), Str(up, "verdict"), Str(up, "agent"), up["checkId"]!.GetValue<long>()));
        Assert.Equal("127.0.0.1", Str(up, "address"));
        Assert.NotNull(up["phases"]!["connect"]);
        Assert.EndsWith("Z", Str(up, "startedAt"));
        Assert.EndsWith("Z", Str(up, "receivedAt"));
        Assert.Equal(("down", "connect_refused"), (Str(down, "status"), Str(down, "verdict")));
        var stored = (await Api.GetArrayAsync(api, $"/api/results?checkId={open}&limit=1000"))
            .Concat(await Api.GetArrayAsync(api, $"/api/results?checkId={shut}&limit=1000"))
            .Select(r => Str(r!, "id")).ToList();
        Assert.DoesNotContain(Str(up, "id"), stored);
        Assert.DoesNotContain(Str(down, "id"), stored);
        Assert.Contains(agent.Output.Split('\n'), l => l.Contains("Ran 1 checks on the server's request: ok", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_now_on_an_offline_agent_or_one_the_check_is_not_assigned_to_is_a_409_saying_which()
    {
        using var api = Server.CreateApiClient();
        using var target = new TcpTarget();
        await AgentProcess.EnrollAsync(Server.BaseUrl, "sleeper", fixture.Temp("sleeper"));
        var data = fixture.Temp("bystander");
        await AgentProcess.EnrollAsync(Server.BaseUrl, "bystander", data);
        await using var bystander = AgentProcess.Run(data);
        await WaitOnlineAsync(api, "bystander");
        var check = await Api.CreateCheckAsync(api, new { name = "for sleeper", kind = "tcp", target = target.Target, intervalSeconds = 3600, agents = new[] { "sleeper" } });

        using var offline = await api.PostAsJsonAsync($"/api/checks/{check}/run", new { agent = "sleeper" });
        using var notAssigned = await api.PostAsJsonAsync($"/api/checks/{check}/run", new { agent = "bystander" });

        Assert.Equal(HttpStatusCode.Conflict, offline.StatusCode);
        Assert.Contains("'sleeper' is not online", await offline.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, notAssigned.StatusCode);
        Assert.Contains("not assigned to agent 'bystander'", await notAssigned.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Run_now_of_an_unknown_check_is_404_and_a_missing_or_unknown_agent_is_a_400_naming_agent()
    {
        using var api = Server.CreateApiClient();
        var check = await Api.CreateCheckAsync(api, new { name = "anything", kind = "tcp", target = "127.0.0.1:9", intervalSeconds = 3600 });

        using var unknownCheck = await api.PostAsJsonAsync("/api/checks/987654/run", new { agent = "whoever" });
        using var noAgent = await api.PostAsJsonAsync($"/api/checks/{check}/run", new { });
        using var unknownAgent = await api.PostAsJsonAsync($"/api/checks/{check}/run", new { agent = "no-such-agent" });

        Assert.Equal(HttpStatusCode.NotFound, unknownCheck.StatusCode);
        await AssertNamesFieldAsync(noAgent, "agent");
        await AssertNamesFieldAsync(unknownAgent, "agent");
    }

    [Fact]
    public async Task Run_now_works_on_the_servers_embedded_agent()
    {
        using var temp = new TempDirectory();
        using var target = new TcpTarget();
        await using var server = await ServerProcess.StartAsync(temp.Sub("server"), settings: new Dictionary<string, string>
        {
            ["EmbeddedAgent__Enabled"] = "true",
            ["EmbeddedAgent__DemoChecks"] = "false",
            ["EmbeddedAgent__Responder"] = "false",
        });
        using var api = server.CreateApiClient();
        await WaitOnlineAsync(api, "local");
        var check = await Api.CreateCheckAsync(api, new { name = "from the server", kind = "tcp", target = target.Target, intervalSeconds = 3600 });

        var result = Assert.Single(await RunAsync(api, check, "local"))!;

        Assert.Equal(("up", "local"), (Str(result, "status"), Str(result, "agent")));
    }

    private static async Task<JsonArray> RunAsync(HttpClient api, long checkId, string agent)
    {
        using var response = await api.PostAsJsonAsync($"/api/checks/{checkId}/run", new { agent });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"run {checkId} on {agent}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsArray();
    }

    /// <summary>A loopback port nothing listens on: bound, then released.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    private static Task WaitOnlineAsync(HttpClient api, string name) =>
        Api.EventuallyAsync(() => Api.GetArrayAsync(api, "/api/agents"),
            agents => agents.Any(a => a!["name"]!.GetValue<string>() == name && a["online"]!.GetValue<bool>()),
            Generous, $"{name} online");

    private static async Task AssertNamesFieldAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {text}");
        Assert.NotNull(JsonNode.Parse(text)!["errors"]![field]);
    }
}
