namespace Linkwatch.Server.Agents.Embedded;

partial class EmbeddedAgentService
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Embedded agent '{Agent}' started; it reaches the server at {ServerUrl}", EventName = "EmbeddedAgentStarted")]
        public static partial void Started(ILogger logger, string agent, string serverUrl);

        [LoggerMessage(2, LogLevel.Warning, "Embedded agent not started: the server has no address it can reach", EventName = "EmbeddedAgentNoAddress")]
        public static partial void NoAddress(ILogger logger);
    }
}
