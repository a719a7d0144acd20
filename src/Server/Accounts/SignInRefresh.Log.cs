namespace Linkwatch.Server.Accounts;

partial class SignInRefresh
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Renewed the sign-in cookie of {User} after a change to the account", EventName = "Refreshed")]
        public static partial void Refreshed(ILogger logger, string user);
    }
}
