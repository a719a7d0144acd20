namespace Linkwatch.Server.Agents;

static partial class EnrollApi
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Enrolled agent {Agent} (new: {IsNew})", EventName = "AgentEnrolled")]
        public static partial void Enrolled(ILogger logger, string agent, bool isNew);
    }
}
