namespace Linkwatch.Server.Alerts.Engine;

/// <summary>
/// What one pass of the engine read once and shares between its evaluations, and the work that waits for its save
/// (a new alert's id is known only then).
/// </summary>
public sealed class AlertPass(IReadOnlyList<Silence> silences, IReadOnlyList<ActiveWindow> windows, long now)
{
    private readonly List<Action> _afterSave = [];
    private readonly Dictionary<AlertTrack, Alert> _opened = [];

    public long Now { get; } = now;
    public Dictionary<long, CheckInfo> Checks { get; init; } = [];
    public Dictionary<long, string> AgentNames { get; init; } = [];
    /// <summary>The stored alerts the pass may change, by id.</summary>
    public Dictionary<long, Alert> Alerts { get; init; } = [];

    private DateTimeOffset At => DateTimeOffset.FromUnixTimeMilliseconds(Now);

    /// <summary>The open alert a track stands for: stored, or opened earlier in this pass.</summary>
    public Alert? AlertOf(AlertTrack track) =>
        track.AlertId is { } id ? Alerts.GetValueOrDefault(id) : track.IsOpen ? _opened.GetValueOrDefault(track) : null;

    /// <summary>Remembers an alert opened by this pass; the track learns its id after the save.</summary>
    public void Opened(AlertTrack track, Alert alert)
    {
        _opened[track] = alert;
        AfterSave(() =>
        {
            // Resolved (and perhaps opened again) later in the same pass: this alert is not the track's any more.
            if (track.IsOpen && track.AlertId is null && ReferenceEquals(_opened[track], alert))
                track.AlertId = alert.Id;
        });
    }

    public void AfterSave(Action action) => _afterSave.Add(action);

    /// <summary>The pass is saved: runs what waited for it, in order.</summary>
    public void Saved()
    {
        foreach (var action in _afterSave)
            action();
        _afterSave.Clear();
    }

    /// <summary>What covers a check alert now; <paramref name="agent"/> is null for a quorum alert.</summary>
    public Cover CheckCover(long ruleId, CheckInfo check, string? agent, bool heldByAgent) => new(
        AlertEngine.IsSilenced(silences, ruleId, check.Id, agent),
        ActiveWindow.AnyActive(windows, At, check.Id, check.Labels, agent),
        heldByAgent);

    /// <summary>What covers an agent-offline alert now; an agent that is gone is in no window.</summary>
    public Cover AgentCover(long ruleId, string? agent) => new(
        AlertEngine.IsSilenced(silences, ruleId, null, agent),
        agent is not null && ActiveWindow.AnyActiveForAgent(windows, At, agent),
        false);
}
