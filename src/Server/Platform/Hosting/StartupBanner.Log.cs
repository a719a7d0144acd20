namespace Linkwatch.Server.Platform.Hosting;

partial class StartupBanner
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Linkwatch dashboard: {Url}", EventName = "DashboardUrl")]
        public static partial void Dashboard(ILogger logger, string url);

        [LoggerMessage(2, LogLevel.Information,
            "Add a remote agent: linkwatch-agent enroll --server {Url} --token <Enrollment:Token, or the one in {TokenFile}>, then linkwatch-agent run",
            EventName = "EnrollHint")]
        public static partial void EnrollHint(ILogger logger, string url, string tokenFile);
    }
}
