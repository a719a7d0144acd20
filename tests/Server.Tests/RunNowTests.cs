using Linkwatch.Server.Tests.Support;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Shared;
using Microsoft.AspNetCore.SignalR.Client;

namespace Linkwatch.Server.Tests;

/// <summary>"Run now" against hub clients that misbehave: the server bounds the wait and checks the answer.</summary>
public sealed class RunNowTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_agent_that_never_answers_is_a_504_after_the_checks_timeout_plus_ten_seconds()
    {
        await using var agent = await _server.ConnectAgentAsync(await _server.EnrollAsync("silent"));
        var asked = new TaskCompletionSource<IReadOnlyList<CheckAssignment>>(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.On<IReadOnlyList<CheckAssignment>, IReadOnlyList<AgentResult>>(nameof(IAgentClient.RunNow), async checks =>
        {
            asked.TrySetResult(checks);
            await Task.Delay(TimeSpan.FromSeconds(60));
            return [];
        });
        var checkId = await _server.CreateCheckAsync(new { name = "slow", kind = "tcp", target = "192.0.2.1:9", intervalSeconds = 60, timeoutSeconds = 1 });

        var clock = Stopwatch.StartNew();
        using var client = _server.NewClient(TestServer.ApiKey);
        client.Timeout = TimeSpan.FromSeconds(30);
        var response = await client.PostAsJsonAsync($"/api/checks/{checkId}/run", new { agent = "silent" });

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(10.5), TimeSpan.FromSeconds(25));
        Assert.Contains("did not answer", await response.Content.ReadAsStringAsync());
        var sent = Assert.Single(await asked.Task.OrTimeout());
        Assert.Equal((checkId, "tcp", "192.0.2.1:9", 1.0), (sent.CheckId, sent.Kind, sent.Target, sent.TimeoutSeconds));
    }

    [Fact]
    public async Task An_answer_for_another_check_is_a_502_and_nothing_is_shown()
    {
        await using var agent = await _server.ConnectAgentAsync(await _server.EnrollAsync("liar"));
        agent.On<IReadOnlyList<CheckAssignment>, IReadOnlyList<AgentResult>>(nameof(IAgentClient.RunNow), checks => Task.FromResult<IReadOnlyList<AgentResult>>(
        [
            new AgentResult
            {
                Id = Guid.CreateVersion7(), CheckId = checks[0].CheckId + 1000, StartedAt = DateTimeOffset.UtcNow,
                Outcome = new CheckOutcome { Kind = "tcp", Target = checks[0].Target, Status = Statuses.Up, Verdict = Verdicts.Ok },
            },
        ]));
        var checkId = await _server.CreateCheckAsync(new { name = "asked", kind = "tcp", target = "192.0.2.1:9", intervalSeconds = 60 });

        var response = await _server.Api.PostAsJsonAsync($"/api/checks/{checkId}/run", new { agent = "liar" });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var results = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/results?checkId={checkId + 1000}");
        Assert.Equal(0, results.GetArrayLength());
    }

    [Fact]
    public async Task An_agent_without_a_run_now_handler_is_a_409_that_says_it_could_not_run()
    {
        await using var agent = await _server.ConnectAgentAsync(await _server.EnrollAsync("old-agent"));
        var checkId = await _server.CreateCheckAsync(new { name = "old", kind = "tcp", target = "192.0.2.1:9", intervalSeconds = 60 });

        var response = await _server.Api.PostAsJsonAsync($"/api/checks/{checkId}/run", new { agent = "old-agent" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("could not run", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_mesh_check_sends_the_agent_one_assignment_per_peer()
    {
        var credential = await _server.EnrollAsync("mesh-runner");
        foreach (var peer in new[] { "peer-a", "peer-b" })
        {
            await using var p = await _server.ConnectAgentAsync(await _server.EnrollAsync(peer));
            await p.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), new AgentHello
            {
                Version = "0.1.0", ResponderAddresses = ["127.0.0.1"],
                Responder = new ResponderPorts { TcpEcho = 7660 },
            }).OrTimeout();
        }
        await using var agent = await _server.ConnectAgentAsync(credential);
        agent.On<IReadOnlyList<CheckAssignment>, IReadOnlyList<AgentResult>>(nameof(IAgentClient.RunNow), checks => Task.FromResult<IReadOnlyList<AgentResult>>(
            [.. checks.Select(c => new AgentResult
            {
                Id = Guid.CreateVersion7(), CheckId = c.CheckId, StartedAt = DateTimeOffset.UtcNow, Peer = c.Peer,
                Outcome = new CheckOutcome { Kind = c.Kind, Target = c.Target, Status = Statuses.Up, Verdict = Verdicts.Ok },
            })]));
        var checkId = await _server.CreateCheckAsync(new { name = "mesh", kind = "tcp", target = "@all", intervalSeconds = 60 });

        var response = await _server.Api.PostAsJsonAsync($"/api/checks/{checkId}/run", new { agent = "mesh-runner" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["peer-a", "peer-b"], results.EnumerateArray().Select(r => r.GetProperty("peer").GetString()).Order());
        Assert.All(results.EnumerateArray(), r => Assert.Equal("mesh-runner", r.GetProperty("agent").GetString()));
    }
}
