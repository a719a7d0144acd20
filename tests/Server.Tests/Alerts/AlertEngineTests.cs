using Microsoft.EntityFrameworkCore;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Platform.Store;

namespace Linkwatch.Server.Tests.Alerts;

public sealed class AlertEngineTests : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await EngineHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task One_down_then_up_cycle_opens_and_resolves_once_and_is_not_flapping()
    {
        var check = await _h.AddCheckAsync("web");
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(check);

        await _h.FeedAsync(check, agent, "up", 3);
        await _h.FeedAsync(check, agent, "down", 1);
        Assert.Empty(_h.Sink.Events);
        await _h.FeedAsync(check, agent, "down", 5);
        await _h.FeedAsync(check, agent, "up", 1);
        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);
        await _h.FeedAsync(check, agent, "up", 5);

        Assert.Equal([NotificationEvents.Opened, NotificationEvents.Resolved], _h.Sink.Events);
        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal(AlertStates.Resolved, alert.State);
        Assert.False(alert.Flapping);
        Assert.Equal(agent, alert.AgentId);
        Assert.Equal("timeout", alert.Verdict);
        var opened = _h.Sink.Requests.First().Notification;
        Assert.Equal(["hook"], _h.Sink.Requests.First().ChannelNames);
        Assert.Equal("edge-1", opened.Agent);
        Assert.Equal($"http://dash.test/alerts/{alert.Id}", opened.Url);
    }

    [Fact]
    public async Task Only_listed_verdicts_count_as_failing_when_the_rule_lists_verdicts()
    {
        var check = await _h.AddCheckAsync("web");
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(check, r => r.Verdicts = StoredJson.WriteList(["close_not_propagated"]));

        await _h.FeedAsync(check, agent, "down", 5, "timeout");
        Assert.Empty(await _h.AlertsAsync());
        await _h.FeedAsync(check, agent, "degraded", 2, "close_not_propagated");
        Assert.Equal("close_not_propagated", Assert.Single(await _h.AlertsAsync()).Verdict);
    }

    [Fact]
    public async Task A_family_divergence_rule_opens_on_degraded_ipv6_failing_results_and_ignores_plain_outages()
    {
        var check = await _h.AddCheckAsync("dual-stack");
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(check, r => r.Verdicts = StoredJson.WriteList(["ipv6_failing"]));

        await _h.FeedAsync(check, agent, "down", 4, "timeout");
        await _h.FeedAsync(check, agent, "up", 2, "ok");
        Assert.Empty(await _h.AlertsAsync());
        await _h.FeedAsync(check, agent, "degraded", 2, "ipv6_failing");

        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal("ipv6_failing", alert.Verdict);
        Assert.Equal("degraded", alert.Status);
        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);
        await _h.FeedAsync(check, agent, "up", 2, "ok");
        Assert.Equal([NotificationEvents.Opened, NotificationEvents.Resolved], _h.Sink.Events);
    }

    [Fact]
    public async Task A_rule_without_verdicts_counts_degraded_as_failing()
    {
        var check = await _h.AddCheckAsync("dual-stack");
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(check);

        await _h.FeedAsync(check, agent, "degraded", 2, "cert_expiring");

        Assert.Equal("cert_expiring", Assert.Single(await _h.AlertsAsync()).Verdict);
    }

    [Fact]
    public async Task A_series_that_keeps_flipping_is_flapping_and_its_notifications_are_held_until_it_settles()
    {
        var check = await _h.AddCheckAsync("web");
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(check);

        // Six full cycles within a few minutes: only the first three are told.
        for (var i = 0; i < 6; i++)
        {
            await _h.FeedAsync(check, agent, "down", 2);
            await _h.FeedAsync(check, agent, "up", 2);
        }

        Assert.Equal(3, _h.Sink.Count(NotificationEvents.Opened));
        Assert.Equal(3, _h.Sink.Count(NotificationEvents.Resolved));
        var alerts = await _h.AlertsAsync();
        Assert.Equal(4, alerts.Count);
        var flapping = alerts[^1];
        Assert.True(flapping.Flapping);
        Assert.Equal(AlertStates.Open, flapping.State);
        Assert.Null(flapping.LastNotifiedAt);

        // Stable up for 3x the success threshold: the never-announced alert closes quietly.
        await _h.FeedAsync(check, agent, "up", 3 * 2 + 2);
        Assert.Equal(6, _h.Sink.Requests.Count);
        var closed = (await _h.AlertsAsync())[^1];
        Assert.Equal(AlertStates.Resolved, closed.State);
        Assert.False(closed.Flapping);
    }

    [Fact]
    public async Task A_flapping_series_that_settles_failing_is_announced_once()
    {
        var check = await _h.AddCheckAsync("web");
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(check);
        for (var i = 0; i < 4; i++)
        {
            await _h.FeedAsync(check, agent, "down", 2);
            await _h.FeedAsync(check, agent, "up", 2);
        }
        await _h.FeedAsync(check, agent, "down", 2);
        Assert.Equal(3, _h.Sink.Count(NotificationEvents.Opened));

        await _h.FeedAsync(check, agent, "down", 3 * 2);

        Assert.Equal(4, _h.Sink.Count(NotificationEvents.Opened));
        var alert = (await _h.AlertsAsync())[^1];
        Assert.Equal(AlertStates.Open, alert.State);
        Assert.False(alert.Flapping);
        Assert.NotNull(alert.LastNotifiedAt);
    }

    [Fact]
    public async Task A_quorum_rule_opens_one_alert_only_when_enough_agents_fail()
    {
        var check = await _h.AddCheckAsync("web");
        var a1 = await _h.AddAgentAsync("a1");
        var a2 = await _h.AddAgentAsync("a2");
        var a3 = await _h.AddAgentAsync("a3");
        await _h.AddRuleAsync(check, r => r.Quorum = 2);

        // One agent's local trouble pages nobody.
        for (var i = 0; i < 4; i++)
        {
            _h.Clock.Advance(TimeSpan.FromSeconds(1));
            await _h.FeedTogetherAsync([(check, a1, "down", null), (check, a2, "up", null), (check, a3, "up", null)]);
        }
        Assert.Empty(await _h.AlertsAsync());

        for (var i = 0; i < 4; i++)
        {
            _h.Clock.Advance(TimeSpan.FromSeconds(1));
            await _h.FeedTogetherAsync([(check, a1, "down", null), (check, a2, "down", null), (check, a3, "up", null)]);
        }
        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Null(alert.AgentId);
        Assert.Equal(AlertStates.Open, alert.State);
        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);
        Assert.Null(_h.Sink.Requests.Single().Notification.Agent);

        // Back below the quorum (a2 recovered) resolves it, although a1 still fails.
        for (var i = 0; i < 3; i++)
        {
            _h.Clock.Advance(TimeSpan.FromSeconds(1));
            await _h.FeedTogetherAsync([(check, a1, "down", null), (check, a2, "up", null), (check, a3, "up", null)]);
        }
        Assert.Equal(AlertStates.Resolved, Assert.Single(await _h.AlertsAsync()).State);
        Assert.Equal([NotificationEvents.Opened, NotificationEvents.Resolved], _h.Sink.Events);
    }

    [Fact]
    public async Task A_silenced_check_opens_its_alert_without_notifying_while_other_checks_still_notify()
    {
        var muted = await _h.AddCheckAsync("muted");
        var loud = await _h.AddCheckAsync("loud");
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(null, r => r.Labels = StoredJson.WriteLabels(new() { ["tier"] = "web" }));
        await _h.DbAsync(async db =>
        {
            await db.Checks.ExecuteUpdateAsync(s => s.SetProperty(c => c.Labels, """{"tier":"web"}"""));
            return 0;
        });
        await _h.AddSilenceAsync(new Silence { CheckId = muted, Until = _h.Clock.Now.AddHours(1).ToUnixTimeMilliseconds(), Reason = "maintenance" });

        await _h.FeedAsync(muted, agent, "down", 3);
        await _h.FeedAsync(loud, agent, "down", 3);
        await _h.FeedAsync(muted, agent, "up", 3);

        var alerts = await _h.AlertsAsync();
        Assert.Equal(2, alerts.Count);
        Assert.Equal(AlertStates.Resolved, alerts.Single(a => a.CheckId == muted).State);
        var told = Assert.Single(_h.Sink.Requests);
        Assert.Equal(loud, told.Notification.CheckId);
        Assert.Equal(NotificationEvents.Opened, told.Notification.Event);
    }

    [Fact]
    public async Task An_open_alert_reminds_at_the_rule_interval_unless_acknowledged()
    {
        var check = await _h.AddCheckAsync("web");
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(check, r => r.ReminderMinutes = 10);
        await _h.FeedAsync(check, agent, "down", 2);

        _h.Clock.Advance(TimeSpan.FromMinutes(9));
        await _h.Engine.RemindAsync(CancellationToken.None);
        Assert.Equal(0, _h.Sink.Count(NotificationEvents.Reminder));
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        await _h.Engine.RemindAsync(CancellationToken.None);
        Assert.Equal(1, _h.Sink.Count(NotificationEvents.Reminder));
        await _h.Engine.RemindAsync(CancellationToken.None);
        Assert.Equal(1, _h.Sink.Count(NotificationEvents.Reminder));

        await _h.DbAsync(db => db.Alerts.ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AlertStates.Acknowledged)));
        _h.Clock.Advance(TimeSpan.FromMinutes(30));
        await _h.Engine.RemindAsync(CancellationToken.None);
        Assert.Equal(1, _h.Sink.Count(NotificationEvents.Reminder));
    }

    [Fact]
    public async Task After_a_restart_the_open_alert_is_kept_and_resolves_without_a_second_opening()
    {
        var check = await _h.AddCheckAsync("web");
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(check);
        await _h.FeedAsync(check, agent, "down", 3);

        var engine = _h.NewEngine();
        await engine.RestoreAsync(CancellationToken.None);
        await _h.FeedAsync(check, agent, "down", 2);
        await _h.FeedAsync(check, agent, "up", 1);
        Assert.Single(await _h.AlertsAsync());
        Assert.Equal(AlertStates.Open, (await _h.AlertsAsync())[0].State);
        await _h.FeedAsync(check, agent, "up", 1);

        Assert.Equal(AlertStates.Resolved, Assert.Single(await _h.AlertsAsync()).State);
        Assert.Equal([NotificationEvents.Opened, NotificationEvents.Resolved], _h.Sink.Events);
    }
}
