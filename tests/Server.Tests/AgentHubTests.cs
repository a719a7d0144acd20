using Linkwatch.Server.Agents;
using Linkwatch.Server.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Linkwatch.Shared;
using Microsoft.AspNetCore.SignalR.Client;

namespace Linkwatch.Server.Tests;

public sealed class AgentHubTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("lwa_1_wrongsecret")]
    [InlineData("lwa_999_whatever")]
    [InlineData("random-token")]
    [InlineData(null)]
    public async Task Connecting_to_the_hub_without_a_valid_credential_is_refused_with_401(string? token)
    {
        await _server.EnrollAsync("real-agent");
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (token is not null)
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        using var cts = new CancellationTokenSource(TestServer.Timeout);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(_server.HubUri, cts.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task The_api_key_does_not_open_the_agent_hub()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", "Bearer " + TestServer.ApiKey);
        using var cts = new CancellationTokenSource(TestServer.Timeout);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(_server.HubUri, cts.Token));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Hello_returns_the_checks_for_this_agent_and_changes_are_pushed()
    {
        var credential = await _server.EnrollAsync("hello-agent");
        var forAll = await _server.CreateCheckAsync(new { name = "all", kind = "tcp", target = "a.lan:22", intervalSeconds = 10 });
        var forMe = await _server.CreateCheckAsync(new { name = "mine", kind = "dns", target = "example.test", intervalSeconds = 60, agents = new[] { "hello-agent" } });
        await _server.CreateCheckAsync(new { name = "other", kind = "tcp", target = "b.lan:22", intervalSeconds = 10, agents = new[] { "someone-else" } });
        await _server.CreateCheckAsync(new { name = "paused", kind = "tcp", target = "c.lan:22", intervalSeconds = 10, enabled = false });
        await _server.CreateCheckAsync(new { name = "mesh", kind = "tcp", target = "@all", intervalSeconds = 10 });
        await using var agent = await _server.ConnectAgentAsync(credential);
        var pushed = new TaskCompletionSource<AssignmentSet>(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.On<AssignmentSet>(nameof(IAgentClient.AssignmentsChanged), set => pushed.TrySetResult(set));

        var set = await agent.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello),
            new AgentHello { Version = "0.1.0", Addresses = ["192.0.2.10"] }).OrTimeout();

        Assert.Equal("hello-agent", set.AgentName);
        Assert.Equal([forAll, forMe], set.Checks.Select(c => c.CheckId).Order());
        var mine = set.Checks.Single(c => c.CheckId == forMe);
        Assert.Equal(("dns", "example.test", 60, 5.0), (mine.Kind, mine.Target, mine.IntervalSeconds, mine.TimeoutSeconds));

        var added = await _server.CreateCheckAsync(new { name = "new", kind = "tcp", target = "d.lan:22", intervalSeconds = 10 });
        var update = await pushed.Task.OrTimeout();
        Assert.Contains(added, update.Checks.Select(c => c.CheckId));

        var agents = await _server.Api.GetFromJsonAsync<JsonElement>("/api/agents");
        var me = agents.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "hello-agent");
        Assert.True(me.GetProperty("online").GetBoolean());
        Assert.Equal("0.1.0", me.GetProperty("version").GetString());
        Assert.Equal("192.0.2.10", me.GetProperty("addresses")[0].GetString());
        Assert.EndsWith("Z", me.GetProperty("lastSeen").GetString());
    }

    [Fact]
    public async Task Submitting_the_same_batch_twice_stores_each_result_once_and_acks_both_times()
    {
        var credential = await _server.EnrollAsync("submitter");
        var checkId = await _server.CreateCheckAsync(new { name = "s", kind = "tcp", target = "s.lan:80", intervalSeconds = 5 });
        await using var agent = await _server.ConnectAgentAsync(credential);
        // Yesterday: inside raw retention whatever the day the test runs.
        var startedAt = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1), TimeSpan.Zero).Add(new TimeSpan(0, 10, 11, 12, 345));
        var day = startedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var batch = new[]
        {
            TestData.Result(checkId, startedAt, Statuses.Up, Verdicts.Ok, new AttemptResult { Family = "ipv4", Address = "192.0.2.1", Status = "up", Verdict = "ok", Phases = new() { ["connect"] = 1.5 } }),
            TestData.Result(checkId, startedAt.AddSeconds(5), Statuses.Degraded, Verdicts.Ipv6Failing,
                new AttemptResult { Family = "ipv4", Address = "192.0.2.1", Status = "up", Verdict = "ok" },
                new AttemptResult { Family = "ipv6", Address = "2001:db8::1", Status = "down", Verdict = "connect_refused", Error = "refused" }),
        };

        var first = await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), batch).OrTimeout();
        var second = await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), batch).OrTimeout();

        Assert.Equal(batch.Select(r => r.Id).Order(), first.Committed.Order());
        Assert.Equal(batch.Select(r => r.Id).Order(), second.Committed.Order());
        Assert.Empty(first.Rejected);
        var results = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/results?checkId={checkId}");
        Assert.Equal(2, results.GetArrayLength());
        var newest = results[0];
        Assert.Equal(batch[1].Id, newest.GetProperty("id").GetGuid());
        Assert.Equal($"{day}T10:11:17.345Z", newest.GetProperty("startedAt").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", newest.GetProperty("receivedAt").GetString());
        Assert.Equal(("degraded", "ipv6_failing", "both", "submitter"),
            (newest.GetProperty("status").GetString(), newest.GetProperty("verdict").GetString(),
             newest.GetProperty("family").GetString(), newest.GetProperty("agent").GetString()));
        Assert.Equal(2, newest.GetProperty("attempts").GetArrayLength());
        var oldest = results[1];
        Assert.Equal($"{day}T10:11:12.345Z", oldest.GetProperty("startedAt").GetString());
        Assert.Equal(("ipv4", "192.0.2.1", 1.5),
            (oldest.GetProperty("family").GetString(), oldest.GetProperty("address").GetString(), oldest.GetProperty("phases").GetProperty("connect").GetDouble()));

        var filtered = await _server.Api.GetFromJsonAsync<JsonElement>(
            $"/api/results?agent=submitter&from={day}T10:11:13Z&to={day}T11:00:00Z&limit=5");
        Assert.Equal(batch[1].Id, Assert.Single(filtered.EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Malformed_results_and_unknown_checks_are_rejected_while_the_rest_is_stored()
    {
        var credential = await _server.EnrollAsync("sloppy");
        var checkId = await _server.CreateCheckAsync(new { name = "r", kind = "tcp", target = "r.lan:80", intervalSeconds = 5 });
        await using var agent = await _server.ConnectAgentAsync(credential);
        var now = DateTimeOffset.UtcNow;
        var good = TestData.Result(checkId, now, Statuses.Up, Verdicts.Ok);
        var unknownCheck = TestData.Result(checkId + 1000, now, Statuses.Up, Verdicts.Ok);
        var badStatus = TestData.Result(checkId, now, "fine", Verdicts.Ok);
        var emptyId = TestData.Result(checkId, now, Statuses.Up, Verdicts.Ok) with { Id = Guid.Empty };

        var ack = await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults),
            new[] { good, unknownCheck, badStatus, emptyId }).OrTimeout();

        Assert.Equal([good.Id], ack.Committed);
        Assert.Equal(new[] { unknownCheck.Id, badStatus.Id, Guid.Empty }.Order(), ack.Rejected.Order());
        var stored = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/results?agent=sloppy");
        Assert.Equal(good.Id, Assert.Single(stored.EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task An_agent_is_trusted_for_its_own_assignments_only_and_for_times_the_server_can_believe()
    {
        var mine = await _server.EnrollAsync("trusted");
        await _server.EnrollAsync("other");
        var own = await _server.CreateCheckAsync(new { name = "own", kind = "tcp", target = "own.lan:80", intervalSeconds = 5, agents = new[] { "trusted" } });
        var others = await _server.CreateCheckAsync(new { name = "others", kind = "tcp", target = "other.lan:80", intervalSeconds = 5, agents = new[] { "other" } });
        var mesh = await _server.CreateCheckAsync(new { name = "mesh", kind = "tcp", target = "@other", intervalSeconds = 5 });
        await using var agent = await _server.ConnectAgentAsync(mine);
        var now = DateTimeOffset.UtcNow;
        var good = TestData.Result(own, now, Statuses.Up, Verdicts.Ok);
        var meshGood = TestData.Result(mesh, now, Statuses.Up, Verdicts.Ok) with { Peer = "other" };
        var foreign = TestData.Result(others, now, Statuses.Down, Verdicts.ConnectRefused);
        var meshStranger = TestData.Result(mesh, now, Statuses.Down, Verdicts.ConnectRefused) with { Peer = "stranger" };
        var meshWithoutPeer = TestData.Result(mesh, now, Statuses.Up, Verdicts.Ok);
        var peerOnPlain = TestData.Result(own, now, Statuses.Up, Verdicts.Ok) with { Peer = "other" };
        var future = TestData.Result(own, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero), Statuses.Up, Verdicts.Ok);
        var ancient = TestData.Result(own, now.AddDays(-15), Statuses.Up, Verdicts.Ok);
        var slightlyAhead = TestData.Result(own, now.AddMinutes(2), Statuses.Up, Verdicts.Ok);

        var ack = await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults),
            new[] { good, meshGood, foreign, meshStranger, meshWithoutPeer, peerOnPlain, future, ancient, slightlyAhead }).OrTimeout();

        Assert.Equal(new[] { good.Id, meshGood.Id, slightlyAhead.Id }.Order(), ack.Committed.Order());
        Assert.Equal(new[] { foreign.Id, meshStranger.Id, meshWithoutPeer.Id, peerOnPlain.Id, future.Id, ancient.Id }.Order(), ack.Rejected.Order());
        var storedOthers = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/results?checkId={others}");
        Assert.Equal(0, storedOthers.GetArrayLength());
        var metrics = await _server.Api.GetStringAsync("/metrics");
        Assert.Contains("linkwatch_results_refused_total 6", metrics);
        // Logged once for the streak, not once per result.
        Assert.Single(_server.Logs.Messages, l => l.Contains("Refused 6 results of agent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verdicts_and_phase_names_outside_the_contract_are_refused_and_NUL_is_never_stored()
    {
        var credential = await _server.EnrollAsync("wordy");
        var checkId = await _server.CreateCheckAsync(new { name = "w", kind = "tcp", target = "w.lan:80", intervalSeconds = 5 });
        await using var agent = await _server.ConnectAgentAsync(credential);
        var now = DateTimeOffset.UtcNow;
        var injected = TestData.Result(checkId, now, Statuses.Down, "refused\r\nBcc: everyone@example.com");
        var oddPhase = TestData.Result(checkId, now, Statuses.Up, Verdicts.Ok,
            new AttemptResult { Family = "ipv4", Status = "up", Verdict = "ok", Phases = new() { ["Total Time!"] = 1 } });
        var negative = TestData.Result(checkId, now, Statuses.Up, Verdicts.Ok,
            new AttemptResult { Family = "ipv4", Status = "up", Verdict = "ok", Phases = new() { ["total"] = -5 } });
        var plain = TestData.Result(checkId, now, Statuses.Down, Verdicts.ConnectRefused);
        var nul = plain with { Outcome = plain.Outcome with { Message = "before\0after" } };

        var ack = await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), new[] { injected, oddPhase, negative, nul }).OrTimeout();

        Assert.Equal([nul.Id], ack.Committed);
        Assert.Equal(new[] { injected.Id, oddPhase.Id, negative.Id }.Order(), ack.Rejected.Order());
        var stored = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/results?checkId={checkId}");
        Assert.Equal("beforeafter", Assert.Single(stored.EnumerateArray()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_revoked_agent_loses_its_live_connection_and_cannot_reconnect()
    {
        var credential = await _server.EnrollAsync("doomed");
        await using var agent = await _server.ConnectAgentAsync(credential);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        var response = await _server.Api.DeleteAsync("/api/agents/doomed");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await closed.Task.OrTimeout();
        await Assert.ThrowsAnyAsync<Exception>(() => _server.ConnectAgentAsync(credential));
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Api.DeleteAsync("/api/agents/nobody")).StatusCode);
    }

    [Fact]
    public async Task The_newest_connection_of_an_agent_wins_and_the_agent_stays_online()
    {
        var credential = await _server.EnrollAsync("twice");
        await using var older = await _server.ConnectAgentAsync(credential);
        var olderClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        older.Closed += _ => { olderClosed.TrySetResult(); return Task.CompletedTask; };

        await using var newer = await _server.ConnectAgentAsync(credential);

        await olderClosed.Task.OrTimeout();
        var set = await newer.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), new AgentHello { Version = "2" }).OrTimeout();
        Assert.Equal("twice", set.AgentName);
        var agents = await _server.Api.GetFromJsonAsync<JsonElement>("/api/agents");
        Assert.True(agents.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "twice").GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task A_replaced_connection_that_answers_is_told_it_was_superseded_and_the_conflict_is_reported_once_per_streak()
    {
        var credential = await _server.EnrollAsync("cloned");
        await using var first = await _server.ConnectAgentAsync(credential);
        var firstTold = Answering(first, true);
        var firstClosed = ClosedOf(first);

        await using var second = await _server.ConnectAgentAsync(credential);
        var secondTold = Answering(second, true);

        Assert.Equal(IdentityGuard.Reason, await firstTold.Task.OrTimeout());
        await firstClosed.OrTimeout();
        var events = await EventuallyConflictsAsync("cloned", 1);
        Assert.Contains("replaced by one from 127.0.0.1:", events[0].GetProperty("detail").GetString());
        Assert.Contains("it stopped", events[0].GetProperty("detail").GetString());

        // The same fight again at once (an older agent would do this): the second side is told too, but not reported again.
        await using var third = await _server.ConnectAgentAsync(credential);
        Assert.Equal(IdentityGuard.Reason, await secondTold.Task.OrTimeout());
        var set = await third.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), new AgentHello { Version = "3" }).OrTimeout();
        Assert.Equal("cloned", set.AgentName);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Single(await EventuallyConflictsAsync("cloned", 1));
        Assert.Single(_server.Logs.Messages, m => m.Contains("Agent cloned: two processes use its identity", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_older_agent_without_the_superseded_method_is_still_closed_and_reported()
    {
        var credential = await _server.EnrollAsync("old-clone");
        await using var old = await _server.ConnectAgentAsync(credential);
        var oldClosed = ClosedOf(old);

        await using var newer = await _server.ConnectAgentAsync(credential);

        await oldClosed.OrTimeout();
        var events = await EventuallyConflictsAsync("old-clone", 1);
        Assert.Contains("an older agent", events[0].GetProperty("detail").GetString());
        var set = await newer.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), new AgentHello { Version = "2" }).OrTimeout();
        Assert.Equal("old-clone", set.AgentName);
    }

    [Fact]
    public async Task A_replaced_connection_that_never_answers_is_closed_after_the_answer_timeout_and_not_reported()
    {
        // What a half-dead connection looks like from the server: a restarted agent's or one that reconnected over a flap.
        var credential = await _server.EnrollAsync("restarted");
        await using var stale = await _server.ConnectAgentAsync(credential);
        var never = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        stale.On<string, bool>(nameof(IAgentClient.Superseded), _ => never.Task);
        var staleClosed = ClosedOf(stale);

        await using var fresh = await _server.ConnectAgentAsync(credential);

        await staleClosed.WaitAsync(IdentityGuard.AnswerTimeout + TestTimeouts.Await);
        never.TrySetResult(true);
        var set = await fresh.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), new AgentHello { Version = "2" }).OrTimeout();
        Assert.Equal("restarted", set.AgentName);
        var events = await _server.Api.GetFromJsonAsync<JsonElement>("/api/agents/restarted/events").OrTimeout();
        Assert.Equal(0, events.GetArrayLength());
        Assert.DoesNotContain(_server.Logs.Messages, m => m.Contains("Agent restarted: two processes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_agent_cannot_submit_an_identity_conflict_itself()
    {
        var credential = await _server.EnrollAsync("liar");
        await using var agent = await _server.ConnectAgentAsync(credential);
        var forged = new NetworkEvent { Id = Guid.CreateVersion7(), At = DateTimeOffset.UtcNow, Kind = NetworkEventKinds.IdentityConflict, Detail = "not me" };

        var ack = await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitEvents), new[] { forged }).OrTimeout();

        Assert.Equal([forged.Id], ack.Rejected);
        Assert.Empty(ack.Committed);
    }

    private static TaskCompletionSource<string> Answering(HubConnection connection, bool answer)
    {
        var told = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<string, bool>(nameof(IAgentClient.Superseded), reason =>
        {
            told.TrySetResult(reason);
            return Task.FromResult(answer);
        });
        return told;
    }

    private static Task ClosedOf(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        return closed.Task;
    }

    private async Task<List<JsonElement>> EventuallyConflictsAsync(string agent, int count)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Await);
        while (true)
        {
            var events = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/agents/{agent}/events", cts.Token);
            var conflicts = events.EnumerateArray().Where(e => e.GetProperty("kind").GetString() == NetworkEventKinds.IdentityConflict).ToList();
            if (conflicts.Count >= count)
                return conflicts;
            await Task.Delay(100, cts.Token);
        }
    }
}
