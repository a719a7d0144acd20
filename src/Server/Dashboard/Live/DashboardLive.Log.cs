namespace Linkwatch.Server.Dashboard.Live;

partial class DashboardLive
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "A dashboard page failed to refresh after a live change", EventName = "HandlerFailed")]
        public static partial void HandlerFailed(ILogger logger, Exception exception);
    }
}
