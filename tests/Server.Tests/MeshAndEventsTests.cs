using Linkwatch.Server.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Shared;
using Microsoft.AspNetCore.SignalR.Client;

namespace Linkwatch.Server.Tests;

/// <summary>Mesh checks and network events through the real hub, API and pages.</summary>
public sealed class MeshAndEventsTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static AgentHello HelloWith(string address, int tcpPort) => new()
    {
        Version = "0.1.0",
        ResponderAddresses = [address],
        Responder = new ResponderPorts { TcpEcho = tcpPort, HalfCloseEcho = tcpPort + 1, UdpEcho = tcpPort + 2 },
    };

    [Fact]
    public async Task A_new_responder_is_pushed_to_the_agents_whose_mesh_checks_aim_at_it_and_results_carry_the_peer()
    {
        var c1 = await _server.EnrollAsync("m1");
        var c2 = await _server.EnrollAsync("m2");
        var checkId = await _server.CreateCheckAsync(new { name = "mesh", kind = "tcp", target = "@all", intervalSeconds = 5 });
        await using var m1 = await _server.ConnectAgentAsync(c1);
        var gotPeer = new TaskCompletionSource<AssignmentSet>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lostPeer = new TaskCompletionSource<AssignmentSet>(TaskCreationOptions.RunContinuationsAsynchronously);
        m1.On<AssignmentSet>(nameof(IAgentClient.AssignmentsChanged), set =>
        {
            if (set.Checks.Any(c => c.Peer == "m2"))
                gotPeer.TrySetResult(set);
            else if (gotPeer.Task.IsCompleted)
                lostPeer.TrySetResult(set);
        });

        var first = await m1.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), HelloWith("127.0.0.1", 17650)).OrTimeout();
        Assert.Empty(first.Checks); // nobody else advertises a responder yet

        await using var m2 = await _server.ConnectAgentAsync(c2);
        var second = await m2.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), HelloWith("127.0.0.2", 27650)).OrTimeout();
        var toM1 = Assert.Single(second.Checks);
        Assert.Equal((checkId, "m1", "127.0.0.1:17650"), (toM1.CheckId, toM1.Peer, toM1.Target));

        var pushed = await gotPeer.Task.OrTimeout();
        var toM2 = Assert.Single(pushed.Checks);
        Assert.Equal((checkId, "m2", "127.0.0.2:27650"), (toM2.CheckId, toM2.Peer, toM2.Target));

        var now = DateTimeOffset.UtcNow;
        var result = new AgentResult
        {
            Id = Guid.CreateVersion7(now),
            CheckId = checkId,
            StartedAt = now,
            Peer = "m2",
            Outcome = new CheckOutcome
            {
                Kind = "tcp", Target = toM2.Target, Status = Statuses.Up, Verdict = Verdicts.Ok,
                Attempts = [new AttemptResult { Family = "ipv4", Address = "127.0.0.2", Status = Statuses.Up, Verdict = Verdicts.Ok, Phases = new() { ["connect"] = 0.4 } }],
            },
        };
        var ack = await m1.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), new[] { result }).OrTimeout();
        Assert.Equal([result.Id], ack.Committed);

        var stored = (await _server.Api.GetFromJsonAsync<JsonElement>($"/api/results?checkId={checkId}")).EnumerateArray().Single();
        Assert.Equal("m2", stored.GetProperty("peer").GetString());
        Assert.Equal("m1", stored.GetProperty("agent").GetString());

        using var browser = await _server.SignInAsync();
        var page = await browser.GetStringAsync("/mesh");
        Assert.Contains("data-source=\"m1\" data-target=\"m2\" data-status=\"up\"", page);
        Assert.Contains("data-source=\"m2\" data-target=\"m1\" data-status=\"waiting\"", page);

        // Revoking m2 takes it out of m1's mesh.
        using var revoke = await _server.Api.DeleteAsync("/api/agents/m2");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Empty((await lostPeer.Task.OrTimeout()).Checks);
    }

    [Fact]
    public async Task Submitted_network_events_are_stored_once_and_listed_newest_first()
    {
        var credential = await _server.EnrollAsync("net-agent");
        await using var agent = await _server.ConnectAgentAsync(credential);
        await agent.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), new AgentHello { Version = "0.1.0" }).OrTimeout();
        var t0 = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        NetworkEvent[] events =
        [
            new() { Id = Guid.CreateVersion7(t0), At = t0, Kind = NetworkEventKinds.AddressRemoved, Interface = "eth0", Detail = "2001:db8::5/64" },
            new() { Id = Guid.CreateVersion7(t0.AddSeconds(1)), At = t0.AddSeconds(1), Kind = NetworkEventKinds.AddressAdded, Interface = "eth0", Detail = "2001:db8::6/64" },
            new() { Id = Guid.CreateVersion7(t0.AddSeconds(2)), At = t0.AddSeconds(2), Kind = NetworkEventKinds.RouteAdded, Interface = "eth0", Detail = "default via fe80::1 metric 1024" },
        ];
        var bogus = new NetworkEvent { Id = Guid.CreateVersion7(t0), At = t0, Kind = "address_exploded" };

        var first = await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitEvents), events.Append(bogus).ToArray()).OrTimeout();
        var again = await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitEvents), events).OrTimeout();

        Assert.Equal(events.Select(e => e.Id).Order(), first.Committed.Order());
        Assert.Equal([bogus.Id], first.Rejected);
        Assert.Equal(events.Select(e => e.Id).Order(), again.Committed.Order());
        var listed = (await _server.Api.GetFromJsonAsync<JsonElement>("/api/agents/net-agent/events")).EnumerateArray().ToList();
        Assert.Equal(events.Reverse().Select(e => e.Id.ToString()), listed.Select(e => e.GetProperty("id").GetString()));
        var newest = listed[0];
        Assert.Equal(("route_added", "eth0", "default via fe80::1 metric 1024", "2026-11-22T10:00:02.000Z"),
            (newest.GetProperty("kind").GetString(), newest.GetProperty("interface").GetString(), newest.GetProperty("detail").GetString(),
             newest.GetProperty("at").GetString()));

        var limited = await _server.Api.GetFromJsonAsync<JsonElement>("/api/agents/net-agent/events?limit=1");
        Assert.Equal(1, limited.GetArrayLength());
        var window = await _server.Api.GetFromJsonAsync<JsonElement>("/api/agents/net-agent/events?from=2026-11-22T10:00:00.500Z&to=2026-11-22T10:00:01.500Z");
        Assert.Equal("address_added", window.EnumerateArray().Single().GetProperty("kind").GetString());

        using var unknown = await _server.Api.GetAsync("/api/agents/nobody/events");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        await ProblemAssert.NamesFieldAsync(await _server.Api.GetAsync("/api/agents/net-agent/events?limit=x"), "limit");

        using var browser = await _server.SignInAsync();
        var page = await browser.GetStringAsync("/agents/net-agent");
        Assert.Contains("default via fe80::1 metric 1024", page);
        Assert.Contains("0.1.0", page);
    }
}
