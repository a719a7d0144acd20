namespace Linkwatch.Server.Agents;

partial class AssignmentPublisher
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Could not push assignments to {Agent}", EventName = "AssignmentPushFailed")]
        public static partial void PushFailed(ILogger logger, string agent, Exception exception);
    }
}
