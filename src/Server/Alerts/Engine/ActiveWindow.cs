using Quartz;

namespace Linkwatch.Server.Alerts.Engine;

/// <summary>
/// A <see cref="MaintenanceWindow"/> made ready to ask "does it mute this alert now?". A recurring window is
/// active when its cron fired within the last <c>DurationMinutes</c>: the first fire time after
/// (now - duration) is at or before now (Quartz's GetNextValidTimeAfter, the 4.x name of GetTimeAfter). That is computed, not scheduled, so nothing has to run when a
/// window starts or ends, a restart loses nothing, and a window can be tested with a fake clock.
/// </summary>
public sealed class ActiveWindow
{
    private readonly CronExpression? _cron;
    private readonly TimeSpan _duration;
    private readonly long? _startsAt;
    private readonly long? _endsAt;

    public ActiveWindow(MaintenanceWindow window)
    {
        Id = window.Id;
        Name = window.Name;
        CheckId = window.CheckId;
        Labels = StoredJson.ReadLabels(window.Labels);
        AgentName = window.AgentName;
        _startsAt = window.StartsAt;
        _endsAt = window.EndsAt;
        if (window.Cron is { } cron)
        {
            _cron = new CronExpression(cron, FindTimeZone(window.TimeZone) ?? TimeZoneInfo.Utc);
            _duration = TimeSpan.FromMinutes(window.DurationMinutes ?? 0);
        }
    }

    public long Id { get; }
    public string Name { get; }
    public long? CheckId { get; }
    public IReadOnlyDictionary<string, string> Labels { get; }
    public string? AgentName { get; }

    public bool IsActive(DateTimeOffset now)
    {
        if (_cron is null)
            return _startsAt is { } start && _endsAt is { } end && start <= now.ToUnixTimeMilliseconds() && now.ToUnixTimeMilliseconds() < end;
        if (_duration <= TimeSpan.Zero)
            return false;
        var fired = _cron.GetNextValidTimeAfter(now - _duration);
        return fired is { } f && f <= now;
    }

    /// <summary>The next time the window starts after <paramref name="now"/>, for the API; null when it never will.</summary>
    public DateTimeOffset? NextStart(DateTimeOffset now) =>
        _cron is not null
            ? _cron.GetNextValidTimeAfter(now)
            : _startsAt is { } s && s > now.ToUnixTimeMilliseconds() ? DateTimeOffset.FromUnixTimeMilliseconds(s) : (DateTimeOffset?)null;

    /// <summary>
    /// Matchers as for silences: every one set must match. A window naming an agent does not cover a
    /// quorum alert (no agent): one agent's maintenance must not hide a failure several agents see.
    /// </summary>
    public bool Covers(long checkId, IReadOnlyDictionary<string, string> checkLabels, string? agentName) =>
        (CheckId is null || CheckId == checkId)
        && Labels.All(l => checkLabels.TryGetValue(l.Key, out var v) && v == l.Value)
        && (AgentName is null || AgentName == agentName);

    public static TimeZoneInfo? FindTimeZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    /// <summary>
    /// Windows that mute an agent-offline alert: those without a check or label matcher (they cover every check,
    /// so the whole agent) that name this agent or none.
    /// </summary>
    public static bool AnyActiveForAgent(IEnumerable<ActiveWindow> windows, DateTimeOffset now, string agent) =>
        windows.Any(w => w.CheckId is null && w.Labels.Count == 0 && (w.AgentName is null || w.AgentName == agent) && w.IsActive(now));

    public static bool AnyActive(IEnumerable<ActiveWindow> windows, DateTimeOffset now, long checkId, IReadOnlyDictionary<string, string> labels, string? agent) =>
        windows.Any(w => w.Covers(checkId, labels, agent) && w.IsActive(now));
}
