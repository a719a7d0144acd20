namespace Linkwatch.Server.Alerts.Engine;

/// <summary>
/// The alert engine's decisions, with no database: given a rule, the memory of one alert key and what just happened
/// (a result, the agent pass, the reminder pass), which transition follows and whether it is announced. It updates the
/// in-memory track (openings, flapping run, holds) as the decision implies; the caller applies the transition to the
/// stored <see cref="Alert"/> and queues whatever is to be told.
/// <para>
/// <see cref="MayAnnounce"/> is the one place that says whether news goes out. The cover is asked for only when a
/// transition needs it: matching maintenance windows costs a cron evaluation, and most results change nothing.
/// </para>
/// </summary>
public static class AlertEvaluator
{
    /// <summary>News about an alert goes out now: it is open (not acknowledged), not flapping, and nothing covers it.</summary>
    public static bool MayAnnounce(bool open, bool flapping, Cover cover) =>
        open && !flapping && !cover.Silenced && !cover.Maintenance && !cover.HeldByAgent;

    /// <summary>The key is failing: its own series triggered, or, for a quorum rule, the series of enough agents.</summary>
    public static bool IsFailing(CompiledRule rule, bool triggered, int failingAgents) =>
        rule.Quorum > 1 ? failingAgents >= rule.Quorum : triggered;

    /// <summary>
    /// One result's evaluation of a check alert key. <paramref name="alert"/> is the key's open alert as stored
    /// (null when none is open, or it has gone from the store).
    /// </summary>
    public static AlertDecision Evaluate(CompiledRule rule, AlertTrack track, Alert? alert, bool failing, long now, Func<Cover> cover)
    {
        if (!track.IsOpen)
            return failing ? Open(track, now, cover()) : AlertDecision.None;
        if (track.Flapping)
            return Settle(rule, track, alert, failing, cover);
        return failing ? AlertDecision.None : Resolve(track, alert, true, cover);
    }

    private static AlertDecision Open(AlertTrack track, long now, Cover cover)
    {
        track.ForgetOpeningsBefore(now - (long)AlertDefaults.FlapWindow.TotalMilliseconds);
        track.Openings.Add(now);
        // One down-then-up cycle is one opening: flapping needs more than FlapOpens of them in the window.
        var flapping = track.Openings.Count > AlertDefaults.FlapOpens;
        track.IsOpen = true;
        track.AlertId = null;
        track.Flapping = flapping;
        track.Run = 0;
        // A flapping alert is not held: it is announced when it settles failing, which looks at the cover again.
        Hold(track, !flapping, cover);
        return new(AlertTransition.Open, MayAnnounce(true, flapping, cover));
    }

    /// <summary>
    /// A flapping series has to hold one side <see cref="AlertDefaults.FlapStableFactor"/> times the rule's threshold:
    /// failing, the alert is real now and is announced; passing, the alert (never announced) closes quietly.
    /// </summary>
    private static AlertDecision Settle(CompiledRule rule, AlertTrack track, Alert? alert, bool failing, Func<Cover> cover)
    {
        track.Run = track.Run > 0 && track.RunBad == failing ? track.Run + 1 : 1;
        track.RunBad = failing;
        var needed = AlertDefaults.FlapStableFactor * (failing ? rule.OpenAfterFailures : rule.ResolveAfterSuccesses);
        if (track.Run < needed)
            return AlertDecision.None;
        track.Flapping = false;
        track.Run = 0;
        if (!failing)
            return Resolve(track, alert, true, cover);
        if (alert is null)
            return AlertDecision.None;
        var current = cover();
        Hold(track, alert.IsOpen, current);
        return new(AlertTransition.StopFlapping, MayAnnounce(alert.IsOpen, false, current));
    }

    private static AlertDecision Resolve(AlertTrack track, Alert? alert, bool ruleExists, Func<Cover> cover)
    {
        track.Close();
        return Resolve(alert, ruleExists, cover);
    }

    /// <summary>
    /// Whoever heard of the alert hears of its end; one nobody was told about (silenced, flapping) closes quietly, and
    /// a deleted rule has nobody to tell. An acknowledged alert is still resolved out loud: receivers such as
    /// PagerDuty close incidents on it.
    /// </summary>
    private static AlertDecision Resolve(Alert? alert, bool ruleExists, Func<Cover> cover) =>
        alert is null || alert.IsResolved
            ? AlertDecision.None
            : new(AlertTransition.Resolve, ruleExists && alert.WasAnnounced && !cover().Silenced);

    /// <summary>An opening nobody is told of yet waits for the maintenance window, or the agent's offline alert, that kept it back.</summary>
    private static void Hold(AlertTrack track, bool eligible, Cover cover)
    {
        track.HeldByMaintenance = eligible && cover.Maintenance;
        // Silenced as well: the end of the agent alert has nothing to announce.
        track.HeldByAgent = eligible && cover.HeldByAgent && !cover.Silenced;
    }

    /// <summary>
    /// The reminder pass for one open alert: due once the rule's interval has passed since the last notification (or
    /// the opening). An agent-offline alert nobody was told of (silenced or in maintenance when it opened) is not
    /// reminded of; a check alert is, once nothing covers it any more.
    /// </summary>
    public static AlertDecision Remind(CompiledRule rule, Alert alert, long now, Func<Cover> cover)
    {
        if (rule.ReminderMinutes <= 0 || (alert.LastNotifiedAt ?? alert.OpenedAt) + rule.ReminderMinutes * 60_000L > now)
            return AlertDecision.None;
        if (alert.CheckId is null && !alert.WasAnnounced)
            return AlertDecision.None;
        return MayAnnounce(alert.IsOpen, alert.Flapping, cover()) ? new(AlertTransition.Remind, true) : AlertDecision.None;
    }

    /// <summary>
    /// A check alert held by maintenance, on the reminder pass: let go once it is no longer open (or its rule is gone),
    /// announced once no window covers it, unless it is also held under its agent's offline alert, whose end announces it.
    /// A check that is gone keeps it held.
    /// </summary>
    public static AlertDecision ReleaseHeld(AlertTrack track, Alert? alert, bool ruleExists, bool checkExists, Func<Cover> cover)
    {
        if (alert is not { IsOpen: true } || !ruleExists)
        {
            track.HeldByMaintenance = false;
            return AlertDecision.None;
        }
        if (!checkExists)
            return AlertDecision.None;
        var current = cover();
        if (current.Maintenance || current.HeldByAgent)
            return AlertDecision.None;
        track.HeldByMaintenance = false;
        return new(AlertTransition.AnnounceHeld, MayAnnounce(true, alert.Flapping, current));
    }

    /// <summary>
    /// A check alert held under its agent's offline alert, which has just resolved: announced now if still open and not
    /// silenced, unless a maintenance window covers it, which then holds it in turn.
    /// </summary>
    public static AlertDecision ReleaseFromAgent(AlertTrack? track, Alert alert, bool described, Func<Cover> cover)
    {
        if (track is null || !track.HeldByAgent || track.AlertId != alert.Id)
            return AlertDecision.None;
        track.HeldByAgent = false;
        if (!described)
            return AlertDecision.None;
        var current = cover();
        if (alert.IsOpen && !alert.Flapping && !current.Silenced)
            track.HeldByMaintenance = current.Maintenance;
        return new(AlertTransition.AnnounceHeld, MayAnnounce(alert.IsOpen, alert.Flapping, current));
    }

    /// <summary>An agent offline for <paramref name="offlineSince"/> opens an alert once the rule's grace has passed.</summary>
    public static AlertDecision EvaluateOffline(CompiledRule rule, long offlineSince, long now, Func<Cover> cover) =>
        now - offlineSince < rule.OfflineAfterSeconds * 1000L
            ? AlertDecision.None
            : new(AlertTransition.Open, MayAnnounce(true, false, cover()));

    /// <summary>An agent alert opened in maintenance is announced when the window ends; a silenced one stays quiet for good.</summary>
    public static bool HoldsAgentAlert(Cover cover) => cover.Maintenance && !cover.Silenced;

    /// <summary>
    /// The agent pass for an open agent-offline alert: resolved once the agent is back (or no rule watches it any more);
    /// while it is still offline, an opening held by maintenance is announced once no window covers the agent.
    /// </summary>
    public static AlertDecision EvaluateAgent(AgentAlertTrack track, Alert? alert, bool stillOffline, bool ruleExists, Func<Cover> cover)
    {
        if (!stillOffline)
            return Resolve(alert, ruleExists, cover);
        if (!track.HeldByMaintenance)
            return AlertDecision.None;
        var current = cover();
        if (current.Maintenance)
            return AlertDecision.None;
        track.HeldByMaintenance = false;
        return new(AlertTransition.AnnounceHeld, alert is not null && MayAnnounce(alert.IsOpen, alert.Flapping, current));
    }
}
