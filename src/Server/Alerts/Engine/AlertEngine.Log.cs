namespace Linkwatch.Server.Alerts.Engine;

public sealed partial class AlertEngine
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Alert engine restored {OpenAlerts} open alerts and {Series} series", EventName = "AlertEngineRestored")]
        public static partial void Restored(ILogger logger, int openAlerts, int series);

        [LoggerMessage(2, LogLevel.Information, "Alert {AlertId} opened by rule {Rule}: check {Check}, agent {Agent}, {Verdict} (flapping {Flapping}, silenced {Silenced}, maintenance {Maintenance})", EventName = "AlertOpened")]
        public static partial void Opened(ILogger logger, long alertId, string rule, string check, string? agent, string verdict, bool flapping, bool silenced, bool maintenance);

        [LoggerMessage(3, LogLevel.Information, "Alert {AlertId} resolved (rule {Rule}, check {Check}, agent {Agent})", EventName = "AlertResolved")]
        public static partial void Resolved(ILogger logger, long alertId, string rule, string check, string? agent);

        [LoggerMessage(4, LogLevel.Information, "Alert {AlertId} stopped flapping (still failing: {Failing})", EventName = "AlertFlappingEnded")]
        public static partial void FlappingEnded(ILogger logger, long alertId, bool failing);

        [LoggerMessage(5, LogLevel.Information, "Alert {AlertId} (rule {Rule}, check {Check}, agent {Agent}) is still open after its maintenance window; announcing it", EventName = "AlertMaintenanceEnded")]
        public static partial void MaintenanceEnded(ILogger logger, long alertId, string rule, string check, string? agent);

        [LoggerMessage(6, LogLevel.Information, "Alert {AlertId} (agent {Agent}) opened while its agent's offline alert is open: held under it", EventName = "AlertSuppressedByAgent")]
        public static partial void SuppressedByAgent(ILogger logger, long alertId, string? agent);

        [LoggerMessage(10, LogLevel.Information, "Alert {AlertId} opened by rule {Rule}: agent {Agent} is offline (silenced {Silenced}, maintenance {Maintenance})", EventName = "AgentOfflineAlertOpened")]
        public static partial void AgentOfflineOpened(ILogger logger, long alertId, string rule, string agent, bool silenced, bool maintenance);

        [LoggerMessage(11, LogLevel.Information, "Alert {AlertId} resolved: agent {Agent} is connected again (or no rule watches it any more)", EventName = "AgentOfflineAlertResolved")]
        public static partial void AgentOfflineResolved(ILogger logger, long alertId, string? agent);

        [LoggerMessage(12, LogLevel.Information, "Alert {AlertId} (rule {Rule}, check {Check}, agent {Agent}) is still open after its agent's offline alert; announcing it", EventName = "AlertReleasedByAgent")]
        public static partial void AgentReleased(ILogger logger, long alertId, string rule, string check, string? agent);

        [LoggerMessage(13, LogLevel.Information, "Alert {AlertId} (rule {Rule}, check {Check}, agent {Agent}) is still open now that no parent check is down; announcing it", EventName = "AlertReleasedByParent")]
        public static partial void ParentReleased(ILogger logger, long alertId, string rule, string check, string? agent);

        [LoggerMessage(14, LogLevel.Information, "Alert {AlertId} opened held: a parent check of {Check} is down for agent {Agent}", EventName = "AlertSuppressedByParent")]
        public static partial void SuppressedByParent(ILogger logger, long alertId, string check, string? agent);
    }
}
