namespace Linkwatch.Server.Platform.Store;

partial class MigrationService
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Database ready ({Store})", EventName = "DatabaseReady")]
        public static partial void Ready(ILogger logger, string store);

        [LoggerMessage(2, LogLevel.Critical, "Database migration or seeding failed; stopping", EventName = "MigrationFailed")]
        public static partial void MigrationFailed(ILogger logger, Exception exception);
    }
}
