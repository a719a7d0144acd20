namespace Linkwatch.Agent.Net;

public sealed partial class NetworkChangeWatcher
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Network changed: {Count} events queued for the server")]
        public static partial void Changes(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Warning, "More than {Limit} network events this minute; dropping the rest of the minute's events")]
        public static partial void RateLimited(ILogger logger, int limit);

        [LoggerMessage(3, LogLevel.Warning, "Reading the network state failed: {Error} ({Suppressed} similar failures not logged)")]
        public static partial void CaptureFailed(ILogger logger, string error, int suppressed);

        [LoggerMessage(4, LogLevel.Information, "No address-change notifications on this system ({Error}); polling only")]
        public static partial void NoNotifications(ILogger logger, string error);
    }
}
