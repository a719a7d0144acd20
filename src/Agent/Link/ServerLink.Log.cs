namespace Linkwatch.Agent.Link;

public sealed partial class ServerLink
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Connected to {HubUri} as {AgentName}")]
        public static partial void Connected(ILogger logger, Uri hubUri, string agentName);

        [LoggerMessage(2, LogLevel.Warning, "Cannot connect to {HubUri}: {Error} ({Suppressed} similar failures not logged); retrying")]
        public static partial void ConnectFailed(ILogger logger, Uri hubUri, string error, int suppressed);

        [LoggerMessage(3, LogLevel.Warning, "Connection to the server lost: {Error}; reconnecting")]
        public static partial void ConnectionLost(ILogger logger, string error);

        [LoggerMessage(4, LogLevel.Information, "Reconnected to {HubUri}")]
        public static partial void Reconnected(ILogger logger, Uri hubUri);

        [LoggerMessage(5, LogLevel.Information, "Received {Count} check assignments")]
        public static partial void AssignmentsReceived(ILogger logger, int count);

        [LoggerMessage(6, LogLevel.Warning, "Sending {Count} results failed: {Error} ({Suppressed} similar failures not logged); they stay in the outbox")]
        public static partial void SendFailed(ILogger logger, int count, string error, int suppressed);

        [LoggerMessage(7, LogLevel.Warning, "The server rejected {Count} malformed results; they were dropped")]
        public static partial void ResultsRejected(ILogger logger, int count);

        [LoggerMessage(8, LogLevel.Warning, "Announcing the agent after reconnect failed: {Error}")]
        public static partial void HelloFailed(ILogger logger, string error);

        [LoggerMessage(9, LogLevel.Warning, "The server rejected {Count} malformed network events; they were dropped")]
        public static partial void EventsRejected(ILogger logger, int count);

        [LoggerMessage(10, LogLevel.Warning, "Sending {Count} network events failed: {Error} ({Suppressed} similar failures not logged); they stay queued")]
        public static partial void SendEventsFailed(ILogger logger, int count, string error, int suppressed);

        [LoggerMessage(11, LogLevel.Information, "Ran {Count} checks on the server's request: {Verdicts}")]
        public static partial void RanNow(ILogger logger, int count, string verdicts);

        [LoggerMessage(12, LogLevel.Warning, "Refused to run {Count} checks at once on the server's request (at most {Max})")]
        public static partial void RunNowRefused(ILogger logger, int count, int max);

        [LoggerMessage(13, LogLevel.Error,
            "Another process connected to {HubUri} as {AgentName} and replaced this one ({Reason}). Two processes share this agent's identity (a copied data directory or a cloned host); this one stays disconnected, and keeps its results queued, until it is restarted. Give each host its own data directory and enrollment")]
        public static partial void SupersededByAnother(ILogger logger, Uri hubUri, string agentName, string reason);

        [LoggerMessage(20, LogLevel.Debug, "Ignored assignments of revision {Revision}: {Applied} is newer")]
        public static partial void StaleAssignments(ILogger logger, long revision, long applied);
    }
}
