using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;
using Linkwatch.Lab.Tests.Infrastructure;

namespace Linkwatch.Lab.Tests;

/// <summary>
/// A silent partition between a real server and a real agent (separate namespaces, one veth): nft drops every packet
/// on the agent's side of the link, no FIN, no RST, for 60 s (longer than the kernel's SYN retransmission gaps reach,
/// 1+2+4+8+16+32 s), then lets them through again. An agent-offline rule watches the agent meanwhile.
/// </summary>
public sealed class PartitionTests(ITestOutputHelper output)
{
    private const int Port = 5080;
    private const string AgentName = "partitioned";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private static readonly string ServerUrl = $"http://{NetLab.ServerV4}:{Port}";

    [LabFact]
    public async Task A_silent_partition_is_seen_within_15_s_alerted_within_5_s_of_its_grace_and_the_agent_is_back_within_10_s_of_healing()
    {
        await using var lab = await NetLab.CreateAsync();
        using var temp = new TempDirectory("linkwatch-partition");
        var server = lab.Start(lab.Server, "linkwatch-server", "env",
            "Storage__DataDir=" + temp.Sub("server"), "Enrollment__Token=" + ServerProcess.EnrollmentToken,
            "Api__BootstrapKey=" + ServerProcess.ApiKey, "Admin__Email=" + ServerProcess.AdminEmail,
            "Admin__Password=" + ServerProcess.AdminPassword, "EmbeddedAgent__Enabled=false", "DOTNET_NOLOGO=1",
            "dotnet", Repo.ServerDll, "--urls", ServerUrl);
        await lab.WaitForListenersAsync(server, lab.Server, "tcp", Port);
        await WaitForAsync(async () => (await Command.RunAsync("ip", ["netns", "exec", lab.Server, "curl", "-fsS", "-m", "2", ServerUrl + "/readyz"])).ExitCode == 0,
            TimeSpan.FromSeconds(60), "the server's /readyz", server);

        // An agent-offline rule with a short grace; its channel goes nowhere (the alert is what is asserted, not the delivery).
        await ApiAsync(lab, "POST", "/api/channels", """{"name":"nowhere","type":"webhook","settings":{"url":"http://127.0.0.1:9/hook"}}""");
        await ApiAsync(lab, "POST", "/api/alert-rules",
            $$"""{"name":"offline","agentOffline":true,"agents":["{{AgentName}}"],"offlineAfterSeconds":{{Grace.TotalSeconds}},"channels":["nowhere"]}""");

        var agentData = temp.Sub("agent");
        await lab.ExecAsync(lab.Client, "dotnet", Repo.AgentDll, "enroll", "--server", ServerUrl, "--token", ServerProcess.EnrollmentToken,
            "--name", AgentName, "--data-dir", agentData);
        var agent = lab.Start(lab.Client, "linkwatch-agent", "dotnet", Repo.AgentDll, "run", "--no-responder", "--data-dir", agentData);
        await WaitForAsync(async () => await OnlineAsync(lab) == true, TimeSpan.FromSeconds(30), "the agent online", agent);

        // Everything on the agent's side of the link is dropped, both ways.
        await lab.NftTableAsync(lab.Client, "partition",
            "chain in { type filter hook input priority 0; iifname \"" + NetLab.Link + "\" drop; }\n" +
            "chain out { type filter hook output priority 0; oifname \"" + NetLab.Link + "\" drop; }");
        var cut = Stopwatch.StartNew();
        await WaitForAsync(async () => await OnlineAsync(lab) == false, TimeSpan.FromSeconds(25), "the server to see the agent offline", agent);
        var seenOffline = cut.Elapsed;
        // The server gives up after 15 s of silence (HubTimeouts.PeerTimeout), checked about once a second, and this
        // loop asks every quarter second through curl: 20 s still fails the client default of 30 s.
        Assert.True(seenOffline <= TimeSpan.FromSeconds(20), $"offline seen after {seenOffline.TotalSeconds:0.0} s\n{agent.Describe()}");

        // The agent pass runs every 5 s: the alert opens at most 5 s after the grace has passed.
        JsonElement alert = default;
        await WaitForAsync(async () =>
        {
            using var open = JsonDocument.Parse(await ApiAsync(lab, "GET", "/api/alerts?state=open"));
            var found = open.RootElement.EnumerateArray().Where(a => a.GetProperty("agent").GetString() == AgentName).ToList();
            if (found.Count > 0)
                alert = found[0].Clone();
            return found.Count > 0;
        }, Grace + TimeSpan.FromSeconds(15), "the agent-offline alert", agent);
        var late = alert.GetProperty("openedAt").GetDateTimeOffset() - alert.GetProperty("firstFailingAt").GetDateTimeOffset() - Grace;
        Assert.True(late <= TimeSpan.FromSeconds(5.5), $"the agent-offline alert opened {late.TotalSeconds:0.0} s after its grace");

        var rest = Outage - cut.Elapsed;
        if (rest > TimeSpan.Zero)
            await Task.Delay(rest);
        await lab.NftTableAsync(lab.Client, "partition", "chain in { type filter hook input priority 0; }");
        var healed = Stopwatch.StartNew();
        await WaitForAsync(async () => await OnlineAsync(lab) == true, TimeSpan.FromSeconds(40), "the agent back online", agent);
        var back = healed.Elapsed;
        output.WriteLine($"outage {Outage.TotalSeconds:0} s: offline seen after {seenOffline.TotalSeconds:0.0} s, alert {late.TotalSeconds:0.0} s after its grace, back {back.TotalSeconds:0.0} s after healing");
        Assert.True(back <= TimeSpan.FromSeconds(10),
            $"the agent came back {back.TotalSeconds:0.0} s after the path healed (outage {Outage.TotalSeconds:0} s, offline seen after {seenOffline.TotalSeconds:0.0} s)\n{agent.Describe()}");
    }

    /// <summary>One API call from inside the server's namespace, failing unless it succeeds; the body.</summary>
    private static async Task<string> ApiAsync(NetLab lab, string method, string path, string? json = null)
    {
        string[] body = json is null ? [] : ["-H", "Content-Type: application/json", "-d", json];
        var answer = await lab.ExecAsync(lab.Server, ["curl", "-fsS", "-m", "5", "-X", method, "-H", "Authorization: Bearer " + ServerProcess.ApiKey, .. body, ServerUrl + path]);
        return answer.StandardOutput;
    }

    /// <summary>The agent's <c>online</c> as the server's API says, asked from inside the server's namespace; null when the API did not answer.</summary>
    private static async Task<bool?> OnlineAsync(NetLab lab)
    {
        var answer = await Command.RunAsync("ip", ["netns", "exec", lab.Server, "curl", "-fsS", "-m", "2",
            "-H", "Authorization: Bearer " + ServerProcess.ApiKey, ServerUrl + "/api/agents"]);
        if (answer.ExitCode != 0)
            return null;
        using var agents = JsonDocument.Parse(answer.StandardOutput);
        return agents.RootElement.EnumerateArray().Where(a => a.GetProperty("name").GetString() == AgentName)
            .Select(a => (bool?)a.GetProperty("online").GetBoolean()).FirstOrDefault();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, BackgroundProcess process)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (stopwatch.Elapsed > timeout)
                throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {what}\n{process.Describe()}");
            await Task.Delay(250);
        }
    }
}
