namespace Linkwatch.Server.Accounts.SingleSignOn;

partial class ExternalSignIn
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Signed in {User} with single sign-on as {Role}", EventName = "SignedIn")]
        public static partial void SignedIn(ILogger logger, string user, string role);

        [LoggerMessage(2, LogLevel.Information, "Created the account of {Email} on its first single sign-on", EventName = "Created")]
        public static partial void Created(ILogger logger, string email);

        [LoggerMessage(3, LogLevel.Warning, "Refused single sign-on for {User}: the account is disabled or locked", EventName = "Refused")]
        public static partial void Refused(ILogger logger, string user);

        [LoggerMessage(4, LogLevel.Warning, "Refused single sign-on: the provider's answer has no subject (sub)", EventName = "NoSubject")]
        public static partial void NoSubject(ILogger logger);

        [LoggerMessage(5, LogLevel.Warning, "Refused single sign-on for subject {Subject}: the provider sent no email address", EventName = "NoEmail")]
        public static partial void NoEmail(ILogger logger, string subject);

        [LoggerMessage(6, LogLevel.Warning, "Refused single sign-on for {Email}: an account has that address but the provider has not verified it", EventName = "EmailNotVerified")]
        public static partial void EmailNotVerified(ILogger logger, string email);

        [LoggerMessage(7, LogLevel.Error, "Single sign-on could not {What}: {Errors}", EventName = "StoreRefused")]
        public static partial void StoreRefused(ILogger logger, string what, string errors);
    }
}
