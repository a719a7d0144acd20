namespace Linkwatch.Server.Platform.Live;

partial class LiveEvents
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "A live-event subscriber failed on {Event}", EventName = "SubscriberFailed")]
        public static partial void SubscriberFailed(ILogger logger, string @event, Exception exception);
    }
}
