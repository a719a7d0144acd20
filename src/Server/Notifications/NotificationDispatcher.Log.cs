namespace Linkwatch.Server.Notifications;

partial class NotificationDispatcher
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Delivered {Event} of alert {AlertId} to channel {Channel} (attempt {Attempt}, {DurationMs} ms)", EventName = "NotificationDelivered")]
        public static partial void Delivered(ILogger logger, string @event, long? alertId, string channel, int attempt, double durationMs);

        [LoggerMessage(2, LogLevel.Information, "Delivering {Event} of alert {AlertId} to channel {Channel} failed (attempt {Attempt}): {Error}; retrying", EventName = "NotificationAttemptFailed")]
        public static partial void AttemptFailed(ILogger logger, string @event, long? alertId, string channel, int attempt, string? error);

        [LoggerMessage(3, LogLevel.Warning, "Gave up delivering {Event} of alert {AlertId} to channel {Channel} after {Attempt} attempts: {Error}", EventName = "NotificationGaveUp")]
        public static partial void GaveUp(ILogger logger, string @event, long? alertId, string channel, int attempt, string? error);

        [LoggerMessage(4, LogLevel.Warning, "Alert {AlertId} names channel {Channel}, which does not exist", EventName = "NotificationUnknownChannel")]
        public static partial void UnknownChannel(ILogger logger, string channel, long? alertId);

        [LoggerMessage(5, LogLevel.Error, "Routing {Event} of alert {AlertId} to its channels failed", EventName = "NotificationRouteFailed")]
        public static partial void RouteFailed(ILogger logger, string @event, long? alertId, Exception exception);
    }
}
