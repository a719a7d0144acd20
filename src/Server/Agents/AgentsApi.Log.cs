namespace Linkwatch.Server.Agents;

static partial class AgentsApi
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Revoked agent {Agent}", EventName = "AgentRevoked")]
        public static partial void Revoked(ILogger logger, string agent);

        [LoggerMessage(2, LogLevel.Information, "Set the labels of agent {Agent} ({Count} labels)", EventName = "AgentLabelsChanged")]
        public static partial void LabelsChanged(ILogger logger, string agent, int count);
    }
}
