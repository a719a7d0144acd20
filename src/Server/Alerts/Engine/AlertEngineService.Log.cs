namespace Linkwatch.Server.Alerts.Engine;

public sealed partial class AlertEngineService
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Evaluating alerts failed; further failures are not logged until it works again", EventName = "AlertEvaluationFailed")]
        public static partial void Failed(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Information, "Evaluating alerts works again", EventName = "AlertEvaluationRecovered")]
        public static partial void Recovered(ILogger logger);
    }
}
