namespace Linkwatch.Server.Push;

partial class PushDeadlineJob
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Recording missed pushes failed ({Suppressed} failures not logged since); trying again on the next run", EventName = "PushDeadlinesFailed")]
        public static partial void Failed(ILogger logger, int suppressed, Exception exception);

        [LoggerMessage(2, LogLevel.Information, "Recording missed pushes works again", EventName = "PushDeadlinesRecovered")]
        public static partial void Recovered(ILogger logger);
    }
}
