using System.Globalization;

namespace Linkwatch.Server.Notifications;

/// <summary>
/// What a channel is asked to tell: one alert event (or a channel test), already rendered to plain values.
/// An agent-offline alert has no check (<see cref="Check"/> and <see cref="CheckId"/> null) and names the agent.
/// </summary>
public sealed record Notification(
    string Event, long? AlertId, string Rule, long? CheckId, string? Check, string? Agent, string Verdict, string Status,
    DateTimeOffset At, string? Url)
{
    /// <summary>An agent-offline alert: about the agent itself, not one of its checks.</summary>
    public bool IsAgentAlert => Check is null && Agent is not null && Event != NotificationEvents.Test;

    /// <summary>What the alert is about, for subjects and titles: the check, or "agent NAME".</summary>
    public string Subject => IsAgentAlert ? $"agent {Agent}" : Check ?? "";

    /// <summary>A short line for chat channels and mail subjects.</summary>
    public string Title => Event switch
    {
        NotificationEvents.Opened => $"ALERT {Subject}: {Verdict}",
        NotificationEvents.Resolved => $"RESOLVED {Subject}",
        NotificationEvents.Reminder => $"STILL FAILING {Subject}: {Verdict}",
        _ => $"Linkwatch test from channel {Check}",
    };

    /// <summary>The body for text channels: who, what, since when, and where to look.</summary>
    public string Message
    {
        get
        {
            var where = Agent is null ? "" : $" from agent {Agent}";
            var at = At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
            var text = IsAgentAlert ? Event switch
            {
                NotificationEvents.Opened => $"Agent {Agent} is offline ({Verdict}); rule {Rule} opened alert {AlertId} at {at}.",
                NotificationEvents.Resolved => $"Agent {Agent} is connected again; rule {Rule} resolved alert {AlertId} at {at}.",
                _ => $"Agent {Agent} is still offline ({Verdict}); alert {AlertId} of rule {Rule} is open.",
            } : Event switch
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
