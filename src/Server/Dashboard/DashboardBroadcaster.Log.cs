namespace Linkwatch.Server.Dashboard;

partial class DashboardBroadcaster
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Pushing a change to dashboard browsers failed", EventName = "DashboardPushFailed")]
        public static partial void PushFailed(ILogger logger, Exception exception);
    }
}
