using Linkwatch.Server.Alerts.Engine;
using Linkwatch.Server.Platform.Live;
using Linkwatch.Server.Platform.Store;
using Linkwatch.Shared;

namespace Linkwatch.Server.Tests.Alerts;

/// <summary>The engine's decisions on in-memory state alone: no database, no services.</summary>
public sealed class AlertEvaluatorTests
{
    private const long CheckId = 7;
    private static readonly CheckInfo Check = new(CheckId, "web", new Dictionary<string, string>(), 1);
    private static readonly Func<Cover> Nothing = () => Cover.None;
    private readonly AlertMemory _memory = new();
    private long _now = 1_800_000_000_000;

    private static CompiledRule Rule(int openAfter = 2, int resolveAfter = 2, int quorum = 1, int reminderMinutes = 0) => new()
    {
        Id = 1,
        Name = "rule",
        CheckId = CheckId,
        Labels = [],
        OpenAfterFailures = openAfter,
        ResolveAfterSuccesses = resolveAfter,
        Quorum = quorum,
        Verdicts = [],
        Channels = ["hook"],
        ReminderMinutes = reminderMinutes,
        OfflineAfterSeconds = 60,
    };

    /// <summary>One result of <paramref name="agent"/>, one second after the previous: counted, then evaluated for the key.</summary>
    private AlertDecision Feed(CompiledRule rule, AlertTrack track, Alert? alert, bool up, long agent = 1, Func<Cover>? cover = null)
    {
        _now += 1000;
        var counter = _memory.Counter(rule.Id, CheckId, agent);
        counter.Observe(rule, new StoredResult(Guid.NewGuid(), CheckId, agent, DateTimeOffset.FromUnixTimeMilliseconds(_now),
            up ? Statuses.Up : Statuses.Down, up ? "ok" : "timeout"), _now);
        var failing = AlertEvaluator.IsFailing(rule, counter.Triggered, _memory.FailingAgents(rule.Id, Check, _now).Count);
        return AlertEvaluator.Evaluate(rule, track, alert, failing, _now, cover ?? Nothing);
    }

    private static Alert OpenAlert(bool announced = true, bool flapping = false) =>
        new() { Id = 5, RuleId = 1, CheckId = CheckId, AgentId = 1, Verdict = "timeout", Status = Statuses.Down, LastNotifiedAt = announced ? 1 : null, Flapping = flapping };

    [Fact]
    public void An_alert_opens_on_the_nth_failure_and_is_announced()
    {
        var rule = Rule(openAfter: 3);
        var track = new AlertTrack();

        Assert.Equal(AlertDecision.None, Feed(rule, track, null, up: false));
        Assert.Equal(AlertDecision.None, Feed(rule, track, null, up: false));
        Assert.Equal(new AlertDecision(AlertTransition.Open, true), Feed(rule, track, null, up: false));
        Assert.True(track.IsOpen);
        Assert.False(track.Flapping);
        Assert.Equal(AlertDecision.None, Feed(rule, track, OpenAlert(), up: false));
    }

    [Fact]
    public void Between_the_thresholds_the_series_keeps_its_side()
    {
        var rule = Rule(openAfter: 2, resolveAfter: 3);
        var track = new AlertTrack();
        Feed(rule, track, null, up: false);
        Assert.Equal(AlertTransition.Open, Feed(rule, track, null, up: false).Transition);
        var alert = OpenAlert();

        Assert.Equal(AlertDecision.None, Feed(rule, track, alert, up: true));
        Assert.Equal(AlertDecision.None, Feed(rule, track, alert, up: true));
        Assert.Equal(AlertDecision.None, Feed(rule, track, alert, up: false));
        Assert.Equal(AlertDecision.None, Feed(rule, track, alert, up: true));
        Assert.Equal(AlertDecision.None, Feed(rule, track, alert, up: true));
        Assert.Equal(new AlertDecision(AlertTransition.Resolve, true), Feed(rule, track, alert, up: true));
        Assert.False(track.IsOpen);
    }

    [Fact]
    public void A_quorum_key_fails_only_while_enough_agents_fail_and_still_report()
    {
        var rule = Rule(openAfter: 1, resolveAfter: 1, quorum: 2);
        var track = new AlertTrack();

        Assert.Equal(AlertDecision.None, Feed(rule, track, null, up: false, agent: 1));
        Assert.Equal(AlertDecision.None, Feed(rule, track, null, up: true, agent: 2));
        Assert.Equal(AlertTransition.Open, Feed(rule, track, null, up: false, agent: 2).Transition);

        // Agent 1 stops reporting: after three intervals and 30 s it no longer counts towards the quorum.
        _now += 40_000;
        Assert.Equal(AlertTransition.Resolve, Feed(rule, track, OpenAlert(), up: false, agent: 2).Transition);
        Assert.Equal(AlertKey.For(rule, CheckId, 2), new AlertKey(1, CheckId, null));
    }

    [Fact]
    public void The_fourth_opening_in_the_window_is_flapping_and_not_announced()
    {
        var rule = Rule(openAfter: 1, resolveAfter: 1);
        var track = new AlertTrack();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(new AlertDecision(AlertTransition.Open, true), Feed(rule, track, null, up: false));
            Assert.Equal(AlertTransition.Resolve, Feed(rule, track, OpenAlert(), up: true).Transition);
        }

        Assert.Equal(new AlertDecision(AlertTransition.Open, false), Feed(rule, track, null, up: false));
        Assert.True(track.Flapping);
        Assert.False(track.HeldByMaintenance);
    }

    [Fact]
    public void Openings_older_than_the_flap_window_do_not_count()
    {
        var rule = Rule(openAfter: 1, resolveAfter: 1);
        var track = new AlertTrack();
        for (var i = 0; i < 3; i++)
        {
            Feed(rule, track, null, up: false);
            Feed(rule, track, OpenAlert(), up: true);
        }
        _now += (long)AlertDefaults.FlapWindow.TotalMilliseconds;

        Assert.Equal(new AlertDecision(AlertTransition.Open, true), Feed(rule, track, null, up: false));
        Assert.Single(track.Openings);
    }

    /// <summary>A flapping key counts runs of its series' triggered side (hysteresis included), not of raw results.</summary>
    private (CompiledRule Rule, AlertTrack Track, Alert Alert) Flapping()
    {
        _memory.Counter(1, CheckId, 1).Triggered = true;
        return (Rule(openAfter: 2, resolveAfter: 2), new AlertTrack { IsOpen = true, AlertId = 5, Flapping = true }, OpenAlert(announced: false, flapping: true));
    }

    [Fact]
    public void A_flapping_alert_settles_failing_after_the_stable_factor_and_is_announced()
    {
        var (rule, track, alert) = Flapping();

        for (var i = 1; i < AlertDefaults.FlapStableFactor * 2; i++)
            Assert.Equal(AlertDecision.None, Feed(rule, track, alert, up: false));
        Assert.Equal(new AlertDecision(AlertTransition.StopFlapping, true), Feed(rule, track, alert, up: false));
        Assert.False(track.Flapping);
        Assert.True(track.IsOpen);
    }

    [Fact]
    public void A_flapping_alert_that_settles_passing_resolves_quietly_and_a_flip_restarts_the_run()
    {
        var (rule, track, alert) = Flapping();

        // Still triggered after one success; then three passing evaluations, and a flip back to failing.
        for (var i = 0; i < 4; i++)
            Assert.Equal(AlertDecision.None, Feed(rule, track, alert, up: true));
        Assert.Equal(AlertDecision.None, Feed(rule, track, alert, up: false));
        Assert.Equal(AlertDecision.None, Feed(rule, track, alert, up: false));
        Assert.Equal(AlertDecision.None, Feed(rule, track, alert, up: true));
        for (var i = 1; i < AlertDefaults.FlapStableFactor * 2; i++)
            Assert.Equal(AlertDecision.None, Feed(rule, track, alert, up: true));
        Assert.Equal(new AlertDecision(AlertTransition.Resolve, false), Feed(rule, track, alert, up: true));
        Assert.False(track.IsOpen);
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void A_silence_a_window_or_the_agents_offline_alert_keeps_the_opening_back(bool silenced, bool maintenance, bool heldByAgent)
    {
        var rule = Rule(openAfter: 1);
        var track = new AlertTrack();

        var decision = Feed(rule, track, null, up: false, cover: () => new Cover(silenced, maintenance, heldByAgent));

        Assert.Equal(new AlertDecision(AlertTransition.Open, false), decision);
        Assert.Equal(maintenance, track.HeldByMaintenance);
        Assert.Equal(heldByAgent, track.HeldByAgent);
    }

    [Fact]
    public void A_silenced_alert_is_not_held_for_its_agents_offline_alert()
    {
        var track = new AlertTrack();
        Feed(Rule(openAfter: 1), track, null, up: false, cover: () => new Cover(true, false, true));
        Assert.False(track.HeldByAgent);
    }

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, false, false)]
    [InlineData(true, true, false)]
    public void A_resolve_is_announced_only_when_the_opening_was_and_no_silence_covers_it(bool announced, bool silenced, bool expected)
    {
        var rule = Rule(openAfter: 1, resolveAfter: 1);
        var track = new AlertTrack { IsOpen = true, AlertId = 5, HeldByMaintenance = true };

        var decision = Feed(rule, track, OpenAlert(announced), up: true, cover: () => new Cover(silenced, false, false));

        Assert.Equal(new AlertDecision(AlertTransition.Resolve, expected), decision);
        Assert.False(track.HeldByMaintenance);
    }

    [Fact]
    public void A_reminder_is_due_after_the_interval_unless_something_covers_the_alert()
    {
        var rule = Rule(reminderMinutes: 10);
        var alert = OpenAlert();
        alert.LastNotifiedAt = _now;

        Assert.Equal(AlertDecision.None, AlertEvaluator.Remind(rule, alert, _now + 9 * 60_000, Nothing));
        Assert.Equal(new AlertDecision(AlertTransition.Remind, true), AlertEvaluator.Remind(rule, alert, _now + 10 * 60_000, Nothing));
        Assert.Equal(AlertDecision.None, AlertEvaluator.Remind(rule, alert, _now + 10 * 60_000, () => new Cover(false, true, false)));
        Assert.Equal(AlertDecision.None, AlertEvaluator.Remind(rule, alert, _now + 10 * 60_000, () => new Cover(false, false, true)));
        alert.State = AlertStates.Acknowledged;
        Assert.Equal(AlertDecision.None, AlertEvaluator.Remind(rule, alert, _now + 60 * 60_000, Nothing));
    }

    [Fact]
    public void An_agent_alert_nobody_was_told_of_gets_no_reminder_but_a_check_alert_does()
    {
        var rule = Rule(reminderMinutes: 10);
        var agentAlert = new Alert { RuleId = 1, AgentId = 1, OpenedAt = _now, Verdict = AlertDefaults.AgentOfflineVerdict, Status = Statuses.Down };
        var checkAlert = OpenAlert(announced: false);
        checkAlert.OpenedAt = _now;

        Assert.Equal(AlertDecision.None, AlertEvaluator.Remind(rule, agentAlert, _now + 11 * 60_000, Nothing));
        Assert.True(AlertEvaluator.Remind(rule, checkAlert, _now + 11 * 60_000, Nothing).Announce);
    }

    [Fact]
    public void A_held_alert_is_announced_when_its_window_ends_unless_its_agent_alert_still_holds_it()
    {
        var track = new AlertTrack { IsOpen = true, AlertId = 5, HeldByMaintenance = true };
        var alert = OpenAlert(announced: false);

        Assert.Equal(AlertDecision.None, AlertEvaluator.ReleaseHeld(track, alert, true, true, () => new Cover(false, true, false)));
        Assert.Equal(AlertDecision.None, AlertEvaluator.ReleaseHeld(track, alert, true, true, () => new Cover(false, false, true)));
        Assert.True(track.HeldByMaintenance);
        Assert.Equal(new AlertDecision(AlertTransition.AnnounceHeld, true), AlertEvaluator.ReleaseHeld(track, alert, true, true, Nothing));
        Assert.False(track.HeldByMaintenance);
    }

    [Fact]
    public void A_held_alert_resolved_or_acknowledged_meanwhile_is_let_go_quietly()
    {
        var track = new AlertTrack { IsOpen = true, AlertId = 5, HeldByMaintenance = true };
        var alert = OpenAlert(announced: false);
        alert.State = AlertStates.Acknowledged;

        Assert.Equal(AlertDecision.None, AlertEvaluator.ReleaseHeld(track, alert, true, true, Nothing));
        Assert.False(track.HeldByMaintenance);
    }

    [Fact]
    public void An_alert_held_by_its_agent_is_announced_when_the_agent_alert_ends_or_held_again_by_a_window()
    {
        var alert = OpenAlert(announced: false);
        var track = new AlertTrack { IsOpen = true, AlertId = alert.Id, HeldByAgent = true };
        Assert.Equal(new AlertDecision(AlertTransition.AnnounceHeld, true), AlertEvaluator.ReleaseFromAgent(track, alert, true, Nothing));
        Assert.False(track.HeldByAgent);

        track.HeldByAgent = true;
        Assert.False(AlertEvaluator.ReleaseFromAgent(track, alert, true, () => new Cover(false, true, false)).Announce);
        Assert.True(track.HeldByMaintenance);
        Assert.Equal(AlertDecision.None, AlertEvaluator.ReleaseFromAgent(track, alert, true, Nothing));
    }

    [Fact]
    public void An_offline_agent_opens_its_alert_after_the_grace_and_its_maintenance_hold_ends_with_the_window()
    {
        var rule = Rule();
        Assert.Equal(AlertDecision.None, AlertEvaluator.EvaluateOffline(rule, _now, _now + 59_000, Nothing));
        Assert.Equal(new AlertDecision(AlertTransition.Open, false), AlertEvaluator.EvaluateOffline(rule, _now, _now + 60_000, () => new Cover(false, true, false)));
        Assert.True(AlertEvaluator.HoldsAgentAlert(new Cover(false, true, false)));
        Assert.False(AlertEvaluator.HoldsAgentAlert(new Cover(true, true, false)));

        var track = new AgentAlertTrack { AlertId = 9, HeldByMaintenance = true };
        var alert = new Alert { Id = 9, RuleId = 1, AgentId = 1, Verdict = AlertDefaults.AgentOfflineVerdict, Status = Statuses.Down };
        Assert.Equal(AlertDecision.None, AlertEvaluator.EvaluateAgent(track, alert, true, true, () => new Cover(false, true, false)));
        Assert.Equal(new AlertDecision(AlertTransition.AnnounceHeld, true), AlertEvaluator.EvaluateAgent(track, alert, true, true, Nothing));
        Assert.Equal(new AlertDecision(AlertTransition.Resolve, false), AlertEvaluator.EvaluateAgent(track, alert, false, true, Nothing));
        alert.LastNotifiedAt = _now;
        Assert.Equal(new AlertDecision(AlertTransition.Resolve, true), AlertEvaluator.EvaluateAgent(track, alert, false, true, Nothing));
        Assert.Equal(new AlertDecision(AlertTransition.Resolve, false), AlertEvaluator.EvaluateAgent(track, alert, false, false, Nothing));
    }

    [Fact]
    public void The_announce_decision_needs_an_open_settled_uncovered_alert()
    {
        Assert.True(AlertEvaluator.MayAnnounce(true, false, Cover.None));
        Assert.False(AlertEvaluator.MayAnnounce(false, false, Cover.None));
        Assert.False(AlertEvaluator.MayAnnounce(true, true, Cover.None));
        Assert.False(AlertEvaluator.MayAnnounce(true, false, new Cover(true, false, false)));
        Assert.False(AlertEvaluator.MayAnnounce(true, false, new Cover(false, true, false)));
        Assert.False(AlertEvaluator.MayAnnounce(true, false, new Cover(false, false, true)));
    }
}
