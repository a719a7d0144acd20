namespace Linkwatch.Server.Accounts.SingleSignOn;

partial class SingleSignOn
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Single sign-on failed at the provider or on its answer: {Reason}", EventName = "RemoteFailure")]
        public static partial void RemoteFailure(ILogger logger, string reason);

        [LoggerMessage(2, LogLevel.Error, "Single sign-on provider {Authority} is unreachable: {Reason}", EventName = "ProviderUnreachable")]
        public static partial void ProviderUnreachable(ILogger logger, string authority, string reason);
    }
}
