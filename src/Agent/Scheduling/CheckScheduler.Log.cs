namespace Linkwatch.Agent.Scheduling;

internal sealed partial class CheckScheduler
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{Count} checks scheduled")]
        public static partial void Scheduled(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Error, "Scheduling the assigned checks failed: {Error}")]
        public static partial void ReconcileFailed(ILogger logger, string error);

        [LoggerMessage(3, LogLevel.Error, "Check {CheckId} could not be run or its result stored ({Type}: {Error}); it keeps its schedule, and this is logged again only after a run succeeds")]
        public static partial void RunFailed(ILogger logger, long checkId, string type, string error);
    }
}
