using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Linkwatch.Functional.Tests;

/// <summary>The agent's link to its server through a real HTTP CONNECT proxy (tinyproxy on loopback).</summary>
public sealed class AgentLinkProxyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private ServerProcess Server => fixture.Server;
    private string ServerHostPort => $"{Server.BaseUrl.Host}:{Server.BaseUrl.Port}";

    [Fact]
    public async Task Enroll_with_proxy_goes_through_it_and_the_running_agent_tunnels_its_hub_connection_through_it()
    {
        await using var proxy = await TinyProxy.StartAsync(CancellationToken.None).WaitAsync(Generous);
        var data = fixture.Temp("proxied-enroll");
        await using (var enroll = ChildProcess.Start(Repo.AgentDll,
            ["enroll", "--server", Server.BaseUrl.ToString(), "--token", ServerProcess.EnrollmentToken, "--name", "proxied-enroll",
             "--proxy", proxy.Url, "--data-dir", data]))
        {
            var exit = await enroll.WaitForExitAsync(Generous);
            Assert.True(exit == 0, $"enroll exited {exit}:\n{enroll.Output}");
        }
        Assert.Contains(proxy.Forwarded(), url => url.EndsWith(ServerHostPort + "/api/enroll", StringComparison.Ordinal));

        // The stored proxy applies to `run` too, with no environment at all.
        await using var agent = AgentProcess.Run(data);
        await WaitOnlineAsync("proxied-enroll", agent);
        Assert.Contains(ServerHostPort, proxy.Tunnels());
    }

    [Fact]
    public async Task Https_proxy_from_the_environment_carries_the_link_and_no_proxy_naming_the_server_bypasses_it()
    {
        await using var proxy = await TinyProxy.StartAsync(CancellationToken.None).WaitAsync(Generous);
        var data = fixture.Temp("proxied-env");
        await AgentProcess.EnrollAsync(Server.BaseUrl, "proxied-env", data);
        Assert.Empty(proxy.Forwarded());

        await using (var agent = ChildProcess.Start(Repo.AgentDll, ["run", "--no-responder", "--data-dir", data],
            new Dictionary<string, string> { ["HTTPS_PROXY"] = proxy.Url }))
        {
            await WaitOnlineAsync("proxied-env", agent);
            Assert.Contains(ServerHostPort, proxy.Tunnels());
        }
        await WaitOfflineAsync("proxied-env");

        var tunnelsBefore = proxy.Tunnels().Count;
        await using (var bypassing = ChildProcess.Start(Repo.AgentDll, ["run", "--no-responder", "--data-dir", data],
            new Dictionary<string, string> { ["https_proxy"] = proxy.Url, ["NO_PROXY"] = "localhost," + Server.BaseUrl.Host }))
        {
            await WaitOnlineAsync("proxied-env", bypassing);
            Assert.Equal(tunnelsBefore, proxy.Tunnels().Count);
        }
    }

    private async Task WaitOnlineAsync(string name, ChildProcess agent)
    {
        using var api = Server.CreateApiClient();
        var deadline = DateTime.UtcNow + Generous;
        while (!await OnlineAsync(api, name))
        {
            if (agent.HasExited || DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"{name} did not come online:\n{agent.Output}");
            await Task.Delay(200);
        }
    }

    private async Task WaitOfflineAsync(string name)
    {
        using var api = Server.CreateApiClient();
        var deadline = DateTime.UtcNow + Generous;
        while (await OnlineAsync(api, name))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{name} stayed online");
            await Task.Delay(200);
        }
    }

    private static async Task<bool> OnlineAsync(HttpClient api, string name)
    {
        var agents = await api.GetFromJsonAsync<JsonArray>("/api/agents").WaitAsync(TestTimeouts.Await);
        return agents!.Any(a => a!["name"]!.GetValue<string>() == name && a["online"]!.GetValue<bool>());
    }
}
