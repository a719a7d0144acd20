namespace Linkwatch.Server.Results.Ingest;

partial class IngestWriter
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Storing {Count} results failed; further failures are not logged until a write succeeds",
            EventName = "IngestWriteFailed")]
        public static partial void WriteFailed(ILogger logger, int count, Exception exception);

        [LoggerMessage(2, LogLevel.Information, "Storing results works again", EventName = "IngestRecovered")]
        public static partial void Recovered(ILogger logger);
    }
}
