namespace Linkwatch.Server.Platform.Backup;

partial class StoreBackup
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Backup {Path} written: store copy {DatabaseBytes} bytes, {Keys} data protection keys", EventName = "BackupCreated")]
        public static partial void Created(ILogger logger, string path, long databaseBytes, int keys);
    }
}
