namespace Linkwatch.Agent.Probes;

public sealed partial class CheckRunner
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Check {Kind} {Target} finished: {Verdict}", EventName = "CheckFinished")]
        public static partial void CheckFinished(ILogger logger, string kind, string target, string verdict);

        [LoggerMessage(2, LogLevel.Error, "Probe {Kind} for {Target} failed unexpectedly", EventName = "ProbeFailed")]
        public static partial void ProbeFailed(ILogger logger, string kind, string target, Exception exception);

        [LoggerMessage(3, LogLevel.Warning, "Probe {Kind} for {Target} overran its deadline", EventName = "ProbeOverran")]
        public static partial void ProbeOverran(ILogger logger, string kind, string target);
    }
}
