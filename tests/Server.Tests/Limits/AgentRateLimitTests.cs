using System.Diagnostics;
using Linkwatch.Server.Tests.Support;
using Linkwatch.Server.Platform.Store;
using Microsoft.EntityFrameworkCore;
using Linkwatch.Shared;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Server.Tests.Limits;

/// <summary>Per-agent rates on the hub: over its rate an agent's acks come later (back-pressure); nothing is lost and other agents are not slowed.</summary>
public sealed class AgentRateLimitTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Limits:ResultsPerSecond"] = "1000",
        ["Limits:ResultsBurst"] = "5000",
        ["Limits:EventsPerSecond"] = "100",
        ["Limits:EventsBurst"] = "1000",
        ["Limits:HelloIntervalSeconds"] = "3",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Results_past_the_burst_are_acked_at_the_sustained_rate_all_stored_once_and_another_agent_is_not_slowed()
    {
        var checkId = await _server.CreateCheckAsync(new { name = "rate", kind = "tcp", target = "rate.lan:80", intervalSeconds = 5 });
        await using var flooder = await _server.ConnectAgentAsync(await _server.EnrollAsync("flooder"));
        await using var quiet = await _server.ConnectAgentAsync(await _server.EnrollAsync("quiet"));
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);

        var burst = Results(checkId, start, 5000);
        var clock = Stopwatch.StartNew();
        var burstAck = await flooder.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), burst).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(5000, burstAck.Committed.Count);

        // 2,000 more at 1,000/s: 7,000 cannot all be acked sooner than 2 s after the first call. The quiet agent's ack
        // meanwhile is as quick as ever.
        var over = Results(checkId, start.AddSeconds(10), 2000);
        var overAck = flooder.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), over);
        await Task.Delay(200);
        var quietClock = Stopwatch.StartNew();
        var quietAck = await quiet.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), Results(checkId, start, 10)).OrTimeout();
        var quietTook = quietClock.Elapsed;
        var overCommitted = (await overAck.WaitAsync(TimeSpan.FromSeconds(30))).Committed;
        var overTook = clock.Elapsed;

        Assert.True(overTook >= TimeSpan.FromSeconds(1.9), $"7,000 results were acked after {overTook}");
        Assert.True(quietTook < TimeSpan.FromSeconds(1.5), $"the other agent's ack took {quietTook}");
        Assert.Equal(10, quietAck.Committed.Count);
        Assert.Equal(over.Select(r => r.Id).Order(), overCommitted.Order());
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
        Assert.Equal(7010, await db.Results.CountAsync(r => r.CheckId == checkId));
        Assert.Matches(@"linkwatch_limit_throttled_total\{limit=""results""\} [1-9]", await _server.Api.GetStringAsync("/metrics"));
        Assert.Single(_server.Logs.Messages, m => m.Contains("Agent flooder is over its results rate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Events_past_their_burst_are_acked_at_the_sustained_rate()
    {
        await using var agent = await _server.ConnectAgentAsync(await _server.EnrollAsync("chatty"));
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-5);

        await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitEvents), Events(t0, 1000)).WaitAsync(TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var ack = await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitEvents), Events(t0.AddSeconds(1000), 200)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"200 events over the burst at 100/s were acked after {clock.Elapsed}");
        Assert.Equal(200, ack.Committed.Count);
    }

    [Fact]
    public async Task A_second_Hello_is_answered_after_the_interval_and_another_agent_is_answered_at_once()
    {
        await using var eager = await _server.ConnectAgentAsync(await _server.EnrollAsync("eager"));
        await using var other = await _server.ConnectAgentAsync(await _server.EnrollAsync("other"));
        await eager.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), new AgentHello { Version = "1" }).OrTimeout();

        var clock = Stopwatch.StartNew();
        var again = eager.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), new AgentHello { Version = "1" });
        var otherClock = Stopwatch.StartNew();
        await other.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), new AgentHello { Version = "1" }).OrTimeout();
        var otherTook = otherClock.Elapsed;
        await again.OrTimeout();

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.5), $"the second Hello was answered after {clock.Elapsed}");
        Assert.True(otherTook < TimeSpan.FromSeconds(1.5), $"the other agent's Hello took {otherTook}");
    }

    [Fact]
    public async Task Reconnecting_does_not_reset_an_agents_Hello_interval()
    {
        var credential = await _server.EnrollAsync("reconnecting");
        await using (var first = await _server.ConnectAgentAsync(credential))
            await first.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), new AgentHello { Version = "1" }).OrTimeout();

        await using var second = await _server.ConnectAgentAsync(credential);
        var clock = Stopwatch.StartNew();
        await second.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), new AgentHello { Version = "1" }).OrTimeout();

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"the Hello after reconnecting was answered after {clock.Elapsed}");
    }

    private static AgentResult[] Results(long checkId, DateTimeOffset start, int count) =>
        [.. Enumerable.Range(0, count).Select(i => TestData.Result(checkId, start.AddMilliseconds(i), Statuses.Up, Verdicts.Ok))];

    private static NetworkEvent[] Events(DateTimeOffset start, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new NetworkEvent
        {
            Id = Guid.CreateVersion7(start.AddMilliseconds(i)), At = start.AddMilliseconds(i), Kind = NetworkEventKinds.AddressAdded,
            Interface = "eth0", Detail = "2001:db8::6/64",
        })];
}
