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

        [LoggerMessage(3, LogLevel.Warning,
            "Refused {Count} results of agent {AgentId} ({Reason}); further refusals of this agent are not logged until it sends only trusted results",
            EventName = "IngestRefused")]
        public static partial void Refused(ILogger logger, long agentId, int count, string reason);
    }
}
