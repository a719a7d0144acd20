namespace Linkwatch.Server.Agents;

partial class IdentityGuard
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "Agent {Agent}: two processes use its identity (a copied data directory or a cloned host): the connection from {Replaced} was replaced by one from {Current}; {Outcome}. Repeats are not logged until the conflict has been quiet for a while",
            EventName = "AgentIdentityConflict")]
        public static partial void Conflict(ILogger logger, string agent, string replaced, string current, string outcome);

        [LoggerMessage(2, LogLevel.Debug, "Agent {Agent}: its replaced connection {ConnectionId} did not answer; it was already gone",
            EventName = "AgentReplacedConnectionGone")]
        public static partial void Gone(ILogger logger, string agent, string connectionId);

        [LoggerMessage(3, LogLevel.Warning, "Agent {Agent}: recording its identity conflict failed: {Error}", EventName = "AgentIdentityConflictNotRecorded")]
        public static partial void RecordFailed(ILogger logger, string agent, string error);
    }
}
