namespace Linkwatch.Server.Accounts;

partial class OwnAccount
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{User} changed their password (the generated first-admin password file deleted: {FileDeleted})", EventName = "PasswordChanged")]
        public static partial void PasswordChanged(ILogger logger, string user, bool fileDeleted);

        [LoggerMessage(2, LogLevel.Information, "{User} turned two-factor sign-in on", EventName = "TwoFactorEnabled")]
        public static partial void TwoFactorEnabled(ILogger logger, string user);

        [LoggerMessage(3, LogLevel.Information, "{User} turned two-factor sign-in off", EventName = "TwoFactorDisabled")]
        public static partial void TwoFactorDisabled(ILogger logger, string user);

        [LoggerMessage(4, LogLevel.Information, "{User} made new recovery codes", EventName = "RecoveryCodesRenewed")]
        public static partial void RecoveryCodesRenewed(ILogger logger, string user);
    }
}
