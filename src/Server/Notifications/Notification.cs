using System.Globalization;

namespace Linkwatch.Server.Notifications;

/// <summary>What a channel is asked to tell: one alert event (or a channel test), already rendered to plain values.</summary>
public sealed record Notification(
    string Event, long? AlertId, string Rule, long? CheckId, string Check, string? Agent, string Verdict, string Status,
    DateTimeOffset At, string? Url)
{
    /// <summary>A short line for chat channels and mail subjects.</summary>
    public string Title => Event switch
    {
        NotificationEvents.Opened => $"ALERT {Check}: {Verdict}",
        NotificationEvents.Resolved => $"RESOLVED {Check}",
        NotificationEvents.Reminder => $"STILL FAILING {Check}: {Verdict}",
        _ => $"Linkwatch test from channel {Check}",
    };

    /// <summary>The body for text channels: who, what, since when, and where to look.</summary>
    public string Message
    {
        get
        {
            var where = Agent is null ? "" : $" from agent {Agent}";
            var at = At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
            var text = Event switch
            {
                NotificationEvents.Opened => $"Check {Check}{where} is {Status} ({Verdict}); rule {Rule} opened alert {AlertId} at {at}.",
                NotificationEvents.Resolved => $"Check {Check}{where} is up again; rule {Rule} resolved alert {AlertId} at {at}.",
                NotificationEvents.Reminder => $"Check {Check}{where} is still {Status} ({Verdict}); alert {AlertId} of rule {Rule} is open.",
                _ => $"This is a test notification sent at {at}. If you read this, the channel works.",
            };
            return Url is null ? text : text + " " + Url;
        }
    }
}
