namespace Linkwatch.Server.Checks;

partial class CheckRunner
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Ran check {CheckId} now on agent {Agent}: {Count} results", EventName = "RanNow")]
        public static partial void Ran(ILogger logger, long checkId, string agent, int count);

        [LoggerMessage(2, LogLevel.Warning, "Agent {Agent} did not answer a run of check {CheckId} within {Seconds} s", EventName = "RunNowTimedOut")]
        public static partial void NoAnswer(ILogger logger, string agent, long checkId, double seconds);

        [LoggerMessage(3, LogLevel.Warning, "Agent {Agent} could not run check {CheckId} now: {Error}", EventName = "RunNowFailed")]
        public static partial void RunFailed(ILogger logger, string agent, long checkId, string error);

        [LoggerMessage(4, LogLevel.Warning, "Agent {Agent} answered a run of check {CheckId} with results that do not match it", EventName = "RunNowBadAnswer")]
        public static partial void BadAnswer(ILogger logger, string agent, long checkId);
    }
}
