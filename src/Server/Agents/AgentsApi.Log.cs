namespace Linkwatch.Server.Agents;

static partial class AgentsApi
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Revoked agent {Agent}", EventName = "AgentRevoked")]
        public static partial void Revoked(ILogger logger, string agent);
    }
}
