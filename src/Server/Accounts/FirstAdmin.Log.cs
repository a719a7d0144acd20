namespace Linkwatch.Server.Accounts;

partial class FirstAdmin
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "Created the first admin: sign in as {Email} with password {Password} (shown once; kept in {Path} until it is changed)",
            EventName = "AdminGenerated")]
        public static partial void Generated(ILogger logger, string email, string password, string path);

        [LoggerMessage(2, LogLevel.Information, "Created the first admin {Email} from Admin:Email/Admin:Password", EventName = "AdminConfigured")]
        public static partial void Configured(ILogger logger, string email);
    }
}
