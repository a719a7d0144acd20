namespace Linkwatch.Server.Results;

partial class RetentionService
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Deleted {Count} raw results older than {Cutoff}", EventName = "ResultsPruned")]
        public static partial void Pruned(ILogger logger, int count, DateTimeOffset cutoff);

        [LoggerMessage(2, LogLevel.Warning, "Deleting old raw results failed; trying again in an hour", EventName = "PruneFailed")]
        public static partial void PruneFailed(ILogger logger, Exception exception);

        [LoggerMessage(3, LogLevel.Information, "Deleted {Count} network events older than {Cutoff}", EventName = "NetworkEventsPruned")]
        public static partial void EventsPruned(ILogger logger, int count, DateTimeOffset cutoff);

        [LoggerMessage(4, LogLevel.Information, "Deleted {Count} {Step} rollups older than {Cutoff}", EventName = "RollupsPruned")]
        public static partial void RollupsPruned(ILogger logger, int count, string step, DateTimeOffset cutoff);
    }
}
