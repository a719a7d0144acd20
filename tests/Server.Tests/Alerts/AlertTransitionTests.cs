using Linkwatch.Server.Platform.Store;
using Linkwatch.Shared;

namespace Linkwatch.Server.Tests.Alerts;

/// <summary>The guarded state changes of <see cref="Alert"/>.</summary>
public sealed class AlertTransitionTests
{
    private static Alert Opened(bool announce = true, bool flapping = false)
    {
        var alert = Alert.Open(1, 2, 3, "timeout", Statuses.Down, 100, announce);
        alert.Flapping = flapping;
        return alert;
    }

    [Fact]
    public void Opening_records_the_announcement_only_when_one_goes_out()
    {
        Assert.Equal(100, Opened().LastNotifiedAt);
        Assert.Null(Opened(announce: false).LastNotifiedAt);
        Assert.Equal(AlertStates.Open, Opened().State);
    }

    [Fact]
    public void Resolving_closes_once_and_announces_when_asked()
    {
        var alert = Opened(flapping: true);

        Assert.Equal(AlertOutcome.Announce, alert.Resolve(200, announce: true));
        Assert.Equal(AlertStates.Resolved, alert.State);
        Assert.Equal(200, alert.ResolvedAt);
        Assert.Equal(200, alert.LastNotifiedAt);
        Assert.False(alert.Flapping);

        Assert.Equal(AlertOutcome.Refused, alert.Resolve(300, announce: true));
        Assert.Equal(200, alert.ResolvedAt);
    }

    [Fact]
    public void A_quiet_resolve_leaves_the_last_notification_alone()
    {
        var alert = Opened(announce: false);
        Assert.Equal(AlertOutcome.Quiet, alert.Resolve(200, announce: false));
        Assert.Null(alert.LastNotifiedAt);
    }

    [Fact]
    public void Stopping_flapping_needs_a_flapping_unresolved_alert_and_announces_only_an_open_one()
    {
        Assert.Equal(AlertOutcome.Refused, Opened().StopFlapping(200, true, false));

        var acknowledged = Opened(announce: false, flapping: true);
        acknowledged.State = AlertStates.Acknowledged;
        Assert.Equal(AlertOutcome.Quiet, acknowledged.StopFlapping(200, true, false));
        Assert.Null(acknowledged.LastNotifiedAt);

        var held = Opened(announce: false, flapping: true);
        Assert.Equal(AlertOutcome.Quiet, held.StopFlapping(200, false, suppressed: true));
        Assert.True(held.Suppressed);
        Assert.False(held.Flapping);

        var open = Opened(announce: false, flapping: true);
        Assert.Equal(AlertOutcome.Announce, open.StopFlapping(200, true, false));
        Assert.Equal(200, open.LastNotifiedAt);
    }

    [Fact]
    public void Only_an_open_settled_alert_is_announced_later()
    {
        var alert = Opened(announce: false);
        Assert.Equal(AlertOutcome.Announce, alert.MarkAnnounced(200));
        Assert.Equal(200, alert.LastNotifiedAt);

        Assert.Equal(AlertOutcome.Refused, Opened(flapping: true).MarkAnnounced(200));
        alert.Resolve(300, false);
        Assert.Equal(AlertOutcome.Refused, alert.MarkAnnounced(400));
        Assert.Equal(200, alert.LastNotifiedAt);
    }

    [Fact]
    public void Acknowledging_is_for_open_alerts_only()
    {
        var alert = Opened();
        Assert.Equal(AlertOutcome.Quiet, alert.Acknowledge(200));
        Assert.Equal(AlertStates.Acknowledged, alert.State);
        Assert.Equal(200, alert.AcknowledgedAt);
        Assert.Equal(AlertOutcome.Refused, alert.Acknowledge(300));
        Assert.Equal(AlertOutcome.Refused, alert.MarkAnnounced(300));

        var resolved = Opened();
        resolved.Resolve(200, false);
        Assert.Equal(AlertOutcome.Refused, resolved.Acknowledge(300));
        Assert.Equal(AlertStates.Resolved, resolved.State);
    }

    [Fact]
    public void Only_an_unresolved_check_alert_is_held_under_its_agent_and_only_once()
    {
        var alert = Opened();
        Assert.True(alert.Suppress());
        Assert.False(alert.Suppress());
        alert.Release();
        Assert.False(alert.Suppressed);

        Assert.False(Alert.Open(1, null, 3, AlertDefaults.AgentOfflineVerdict, Statuses.Down, 100, true).Suppress());
        alert.Resolve(200, false);
        Assert.False(alert.Suppress());
    }
}
