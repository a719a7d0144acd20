using Linkwatch.Server.Notifications;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Alerts.Engine;

/// <summary>
/// Collects what a pass has to tell (notifications for the rules' channels, <see cref="AlertChanged"/> for live
/// pages) and sends it once the pass is saved: a new alert's id exists only then, and nobody hears of a change
/// that failed to be stored. Used by the engine's one loop only.
/// </summary>
public sealed class AlertAnnouncer(INotificationSink sink, LiveEvents live, IOptions<AlertsOptions> options)
{
    private readonly List<Action> _pending = [];

    /// <summary>Starts a pass: whatever a failed pass left unsent is dropped with it.</summary>
    public void Begin() => _pending.Clear();

    /// <summary>
    /// Queues a notification to the rule's channels; <paramref name="check"/> is null for an agent-offline alert.
    /// Verdict and status are the alert's unless given, as of now (the alert may change again before the send).
    /// </summary>
    public void Notify(string @event, Alert alert, CompiledRule rule, CheckInfo? check, string? agent, long now,
        string? verdict = null, string? status = null)
    {
        var (v, s) = (verdict ?? alert.Verdict, status ?? alert.Status);
        _pending.Add(() =>
        {
            var url = options.Value.PublicUrl is { } root ? $"{root.TrimEnd('/')}/alerts/{alert.Id}" : null;
            sink.Enqueue(new NotificationRequest(rule.Channels, new Notification(
                @event, alert.Id, rule.Name, check?.Id, check?.Name, agent, v, s, DateTimeOffset.FromUnixTimeMilliseconds(now), url)));
        });
    }

    /// <summary>Queues a live <see cref="AlertChanged"/> with the alert's state as of now.</summary>
    public void Changed(Alert alert)
    {
        var state = alert.State;
        _pending.Add(() => live.Publish(new AlertChanged(alert.Id, alert.CheckId, state)));
    }

    /// <summary>The pass is saved: sends everything, in the order it was queued.</summary>
    public void Send()
    {
        foreach (var send in _pending)
            send();
        _pending.Clear();
    }
}
