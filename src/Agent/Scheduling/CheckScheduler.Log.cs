namespace Linkwatch.Agent.Scheduling;

internal sealed partial class CheckScheduler
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{Count} checks scheduled")]
        public static partial void Scheduled(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Error, "Scheduling the assigned checks failed: {Error}")]
        public static partial void ReconcileFailed(ILogger logger, string error);
    }
}
