namespace Linkwatch.Server.History;

partial class RollupJob
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Building the rollups failed ({Suppressed} failures not logged since); trying again on the next run", EventName = "RollupFailed")]
        public static partial void Failed(ILogger logger, int suppressed, Exception exception);

        [LoggerMessage(2, LogLevel.Information, "Building the rollups works again", EventName = "RollupRecovered")]
        public static partial void Recovered(ILogger logger);
    }
}
