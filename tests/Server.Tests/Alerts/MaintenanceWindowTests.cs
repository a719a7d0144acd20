using Linkwatch.Server.Tests.Support;
using Linkwatch.Server.Alerts.Engine;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Platform.Store;

namespace Linkwatch.Server.Tests.Alerts;

public sealed class MaintenanceWindowTests : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await EngineHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task An_alert_opened_in_a_window_is_tracked_but_not_sent_and_is_announced_once_when_the_window_ends()
    {
        var check = await _h.AddCheckAsync("web");
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(check, r => r.ReminderMinutes = 5);
        await _h.AddWindowAsync(new MaintenanceWindow
        {
            Name = "switch upgrade", CheckId = check,
            StartsAt = _h.Clock.Now.ToUnixTimeMilliseconds(), EndsAt = _h.Clock.Now.AddMinutes(30).ToUnixTimeMilliseconds(),
        });

        await _h.FeedAsync(check, agent, "down", 5);
        var alert = Assert.Single(await _h.AlertsAsync());
        Assert.Equal(AlertStates.Open, alert.State);
        Assert.Null(alert.LastNotifiedAt);
        _h.Clock.Advance(TimeSpan.FromMinutes(10));
        await _h.Engine.RemindAsync(CancellationToken.None).OrTimeout();
        Assert.Empty(_h.Sink.Events);

        _h.Clock.Advance(TimeSpan.FromMinutes(21));
        await _h.Engine.RemindAsync(CancellationToken.None).OrTimeout();
        await _h.Engine.RemindAsync(CancellationToken.None).OrTimeout();

        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);
        Assert.Equal(alert.Id, _h.Sink.Requests.Single().Notification.AlertId);
        await _h.FeedAsync(check, agent, "up", 2);
        Assert.Equal([NotificationEvents.Opened, NotificationEvents.Resolved], _h.Sink.Events);
    }

    [Fact]
    public async Task An_alert_that_resolves_inside_the_window_is_never_announced()
    {
        var check = await _h.AddCheckAsync("web");
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(check);
        await _h.AddWindowAsync(new MaintenanceWindow
        {
            Name = "reboot", AgentName = "edge-1",
            StartsAt = _h.Clock.Now.ToUnixTimeMilliseconds(), EndsAt = _h.Clock.Now.AddMinutes(5).ToUnixTimeMilliseconds(),
        });

        await _h.FeedAsync(check, agent, "down", 3);
        await _h.FeedAsync(check, agent, "up", 3);
        _h.Clock.Advance(TimeSpan.FromMinutes(10));
        await _h.Engine.RemindAsync(CancellationToken.None).OrTimeout();

        Assert.Equal(AlertStates.Resolved, Assert.Single(await _h.AlertsAsync()).State);
        Assert.Empty(_h.Sink.Events);
    }

    [Fact]
    public async Task A_window_for_other_checks_or_agents_mutes_nothing()
    {
        var check = await _h.AddCheckAsync("web", new() { ["site"] = "berlin" });
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(check);
        var start = _h.Clock.Now.ToUnixTimeMilliseconds();
        var end = _h.Clock.Now.AddHours(1).ToUnixTimeMilliseconds();
        await _h.AddWindowAsync(new MaintenanceWindow { Name = "other site", Labels = StoredJson.WriteLabels(new() { ["site"] = "paris" }), StartsAt = start, EndsAt = end });
        await _h.AddWindowAsync(new MaintenanceWindow { Name = "other agent", AgentName = "edge-2", StartsAt = start, EndsAt = end });

        await _h.FeedAsync(check, agent, "down", 3);

        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);
    }

    [Fact]
    public async Task A_recurring_window_mutes_its_occurrence_and_the_restarted_engine_still_announces_at_its_end()
    {
        // The harness clock starts at 2026-11-22 10:00 UTC, 11:00 in Berlin: a daily 11:00 Berlin window of 15 minutes.
        var check = await _h.AddCheckAsync("web");
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(check);
        await _h.AddWindowAsync(new MaintenanceWindow { Name = "nightly backup", Cron = "0 0 11 * * ?", DurationMinutes = 15, TimeZone = "Europe/Berlin" });

        await _h.FeedAsync(check, agent, "down", 3);
        Assert.Empty(_h.Sink.Events);
        _h.NewEngine();
        await _h.Engine.RestoreAsync(CancellationToken.None).OrTimeout();
        _h.Clock.Advance(TimeSpan.FromMinutes(16));
        await _h.Engine.RemindAsync(CancellationToken.None).OrTimeout();

        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);
    }

    [Theory]
    [InlineData("2026-11-22T09:59:59Z", false)]
    [InlineData("2026-11-22T10:00:00Z", true)]
    [InlineData("2026-11-22T10:14:59Z", true)]
    [InlineData("2026-11-22T10:15:00Z", false)]
    [InlineData("2026-11-23T10:05:00Z", true)]
    // Summer time: 11:00 in Berlin is 09:00 UTC.
    [InlineData("2027-07-01T09:05:00Z", true)]
    [InlineData("2027-07-01T10:05:00Z", false)]
    public void A_cron_window_is_active_for_its_duration_after_each_fire_time_in_its_time_zone(string at, bool active)
    {
        var window = new ActiveWindow(new MaintenanceWindow { Name = "w", Cron = "0 0 11 * * ?", DurationMinutes = 15, TimeZone = "Europe/Berlin" });

        Assert.Equal(active, window.IsActive(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
