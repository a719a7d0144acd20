using Linkwatch.Server.Notifications;
using Linkwatch.Server.Notifications.Channels.Webhook;
using Linkwatch.Server.Platform.Store;

namespace Linkwatch.Server.Tests.Alerts;

/// <summary>Agent-offline rules and the suppression of an offline agent's check alerts, on the engine with a fake clock.</summary>
public sealed class AgentOfflineTests : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await EngineHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<long> AddAgentRuleAsync(Action<AlertRule>? configure = null) => _h.AddRuleAsync(null, r =>
    {
        r.Name = "agents";
        r.AgentOffline = true;
        r.OfflineAfterSeconds = 60;
        r.Channels = StoredJson.WriteList(["pager"]);
        configure?.Invoke(r);
    });

    [Fact]
    public async Task An_offline_agent_opens_one_alert_after_the_grace_and_resolves_it_once_on_reconnect()
    {
        var agent = await _h.AddAgentAsync("edge-1");
        await AddAgentRuleAsync();
        await _h.Engine.RestoreAsync(CancellationToken.None);

        await _h.AgentStatusAsync(agent, "edge-1", online: false);
        await _h.PassAgentTimeAsync(55);
        Assert.Empty(_h.Sink.Events);
        Assert.Empty(await _h.AlertsAsync());

        await _h.PassAgentTimeAsync(5);
        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);
        await _h.PassAgentTimeAsync(120);
        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Null(alert.CheckId);
        Assert.Equal(agent, alert.AgentId);
        Assert.Equal(AlertDefaults.AgentOfflineVerdict, alert.Verdict);
        Assert.Equal("down", alert.Status);
        var opened = _h.Sink.Requests.Single().Notification;
        Assert.Equal(["pager"], _h.Sink.Requests.Single().ChannelNames);
        Assert.Null(opened.Check);
        Assert.Null(opened.CheckId);
        Assert.Equal("edge-1", opened.Agent);
        Assert.Equal("agent_offline", opened.Verdict);
        var payload = WebhookChannel.Payload(opened);
        Assert.Null(payload["check"]);
        Assert.Equal("edge-1", (string?)payload["agent"]);
        Assert.Equal("agent_offline", (string?)payload["verdict"]);

        await _h.AgentStatusAsync(agent, "edge-1", online: true);
        await _h.PassAgentTimeAsync(30);
        Assert.Equal([NotificationEvents.Opened, NotificationEvents.Resolved], _h.Sink.Events);
        Assert.Equal(AlertStates.Resolved, Assert.Single(await _h.AlertsAsync()).State);
    }

    [Fact]
    public async Task A_short_disconnect_opens_nothing_and_rules_select_agents_by_name_or_labels()
    {
        var a = await _h.AddAgentAsync("edge-1", new() { ["site"] = "fra" });
        var b = await _h.AddAgentAsync("edge-2", new() { ["site"] = "ams" });
        var c = await _h.AddAgentAsync("edge-3");
        await AddAgentRuleAsync(r => r.Labels = StoredJson.WriteLabels(new() { ["site"] = "fra" }));
        await AddAgentRuleAsync(r => r.Agents = StoredJson.WriteList(["edge-3"]));
        await _h.Engine.RestoreAsync(CancellationToken.None);

        await _h.AgentStatusAsync(a, "edge-1", online: false);
        await _h.PassAgentTimeAsync(30);
        await _h.AgentStatusAsync(a, "edge-1", online: true);
        await _h.AgentStatusAsync(b, "edge-2", online: false);
        await _h.AgentStatusAsync(c, "edge-3", online: false);
        await _h.PassAgentTimeAsync(120);

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal(c, alert.AgentId);
        Assert.Equal(["edge-3"], _h.Sink.Requests.Select(r => r.Notification.Agent));
    }

    [Fact]
    public async Task An_agent_seen_before_but_not_connected_at_start_counts_as_offline_from_the_start()
    {
        var agent = await _h.AddAgentAsync("edge-1", lastSeen: _h.Clock.Now.AddHours(-1).ToUnixTimeMilliseconds());
        await _h.AddAgentAsync("never-connected");
        await AddAgentRuleAsync();
        await _h.Engine.RestoreAsync(CancellationToken.None);

        await _h.PassAgentTimeAsync(55);
        Assert.Empty(_h.Sink.Events);
        await _h.PassAgentTimeAsync(5);
        Assert.Equal(agent, Assert.Single(await _h.AlertsAsync()).AgentId);
        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);

        // And after a restart the open agent alert is known again: the reconnect resolves it out loud, once.
        _h.NewEngine();
        await _h.Engine.RestoreAsync(CancellationToken.None);
        await _h.PassAgentTimeAsync(120);
        await _h.AgentStatusAsync(agent, "edge-1", online: true);
        Assert.Equal([NotificationEvents.Opened, NotificationEvents.Resolved], _h.Sink.Events);
        Assert.Single(await _h.AlertsAsync());
    }

    [Fact]
    public async Task A_silence_of_the_agent_mutes_its_offline_alert()
    {
        var agent = await _h.AddAgentAsync("edge-1");
        await AddAgentRuleAsync();
        await _h.AddSilenceAsync(new Silence { AgentName = "edge-1", Until = _h.Clock.Now.AddHours(1).ToUnixTimeMilliseconds() });
        await _h.Engine.RestoreAsync(CancellationToken.None);

        await _h.AgentStatusAsync(agent, "edge-1", online: false);
        await _h.PassAgentTimeAsync(120);
        await _h.AgentStatusAsync(agent, "edge-1", online: true);

        Assert.Empty(_h.Sink.Events);
        Assert.Equal(AlertStates.Resolved, Assert.Single(await _h.AlertsAsync()).State);
    }

    [Fact]
    public async Task A_maintenance_window_over_the_agent_holds_its_offline_alert_until_the_window_ends()
    {
        var agent = await _h.AddAgentAsync("edge-1");
        await AddAgentRuleAsync();
        await _h.AddWindowAsync(new MaintenanceWindow
        {
            Name = "edge reboot", AgentName = "edge-1",
            StartsAt = _h.Clock.Now.ToUnixTimeMilliseconds(), EndsAt = _h.Clock.Now.AddMinutes(5).ToUnixTimeMilliseconds(),
        });
        await _h.Engine.RestoreAsync(CancellationToken.None);

        await _h.AgentStatusAsync(agent, "edge-1", online: false);
        await _h.PassAgentTimeAsync(120);
        Assert.Empty(_h.Sink.Events);
        Assert.Single(await _h.AlertsAsync());
        await _h.PassAgentTimeAsync(240);
        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);
    }

    [Fact]
    public async Task A_check_alert_of_an_offline_agent_is_held_and_announced_once_after_the_agent_alert_if_still_failing()
    {
        var check = await _h.AddCheckAsync("web");
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(check);
        await AddAgentRuleAsync();
        await _h.Engine.RestoreAsync(CancellationToken.None);

        await _h.AgentStatusAsync(agent, "edge-1", online: false);
        await _h.PassAgentTimeAsync(60);
        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);
        Assert.True(_h.Engine.IsSuppressed(agent));

        // Results of the agent still arrive (e.g. buffered) and fail: the check alert opens, held under the agent alert.
        await _h.FeedAsync(check, agent, "down", 3);
        var checkAlert = (await _h.AlertsAsync()).Single(a => a.CheckId == check);
        Assert.True(checkAlert.Suppressed);
        Assert.Null(checkAlert.LastNotifiedAt);
        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);
        var dto = Assert.Single(await _h.DbAsync(db => Server.Alerts.Api.AlertReader.ListAsync(db, "open", check, 10, CancellationToken.None)));
        Assert.True(dto.Suppressed);

        await _h.AgentStatusAsync(agent, "edge-1", online: true);
        Assert.Equal([NotificationEvents.Opened, NotificationEvents.Resolved, NotificationEvents.Opened], _h.Sink.Events);
        var announced = _h.Sink.Requests.Last().Notification;
        Assert.Equal("web", announced.Check);
        Assert.Equal(checkAlert.Id, announced.AlertId);
        checkAlert = (await _h.AlertsAsync()).Single(a => a.CheckId == check);
        Assert.False(checkAlert.Suppressed);
        Assert.NotNull(checkAlert.LastNotifiedAt);

        await _h.PassAgentTimeAsync(60);
        await _h.FeedAsync(check, agent, "down", 3);
        Assert.Equal(3, _h.Sink.Events.Count);
        await _h.FeedAsync(check, agent, "up", 2);
        Assert.Equal([NotificationEvents.Opened, NotificationEvents.Resolved, NotificationEvents.Opened, NotificationEvents.Resolved], _h.Sink.Events);
    }

    [Fact]
    public async Task A_check_alert_that_resolved_while_its_agent_was_offline_sends_nothing()
    {
        var check = await _h.AddCheckAsync("web");
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(check);
        await AddAgentRuleAsync();
        await _h.Engine.RestoreAsync(CancellationToken.None);

        await _h.AgentStatusAsync(agent, "edge-1", online: false);
        await _h.PassAgentTimeAsync(60);
        await _h.FeedAsync(check, agent, "down", 3);
        await _h.FeedAsync(check, agent, "up", 2);
        Assert.Equal(AlertStates.Resolved, (await _h.AlertsAsync()).Single(a => a.CheckId == check).State);
        await _h.AgentStatusAsync(agent, "edge-1", online: true);

        Assert.Equal([NotificationEvents.Opened, NotificationEvents.Resolved], _h.Sink.Events);
        Assert.All(_h.Sink.Requests, r => Assert.Null(r.Notification.Check));
    }

    [Fact]
    public async Task A_quorum_alert_is_not_suppressed_by_one_offline_agent()
    {
        var check = await _h.AddCheckAsync("web");
        var a = await _h.AddAgentAsync("edge-1");
        var b = await _h.AddAgentAsync("edge-2");
        await _h.AddRuleAsync(check, r => r.Quorum = 2);
        await AddAgentRuleAsync(r => r.Agents = StoredJson.WriteList(["edge-1"]));
        await _h.Engine.RestoreAsync(CancellationToken.None);

        await _h.AgentStatusAsync(a, "edge-1", online: false);
        await _h.PassAgentTimeAsync(60);
        for (var i = 0; i < 3; i++)
        {
            _h.Clock.Advance(TimeSpan.FromSeconds(1));
            await _h.FeedTogetherAsync([(check, a, "down", null), (check, b, "down", null)]);
        }

        Assert.Equal(2, _h.Sink.Events.Count(e => e == NotificationEvents.Opened));
        var quorum = (await _h.AlertsAsync()).Single(x => x.CheckId == check);
        Assert.Null(quorum.AgentId);
        Assert.False(quorum.Suppressed);
    }
}
