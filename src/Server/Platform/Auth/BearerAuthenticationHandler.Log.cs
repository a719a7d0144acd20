namespace Linkwatch.Server.Platform.Auth;

partial class BearerAuthenticationHandler
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Refused a token for {Path}", EventName = "UnknownToken")]
        public static partial void UnknownToken(ILogger logger, PathString path);

        [LoggerMessage(2, LogLevel.Information, "Refused revoked agent {Agent}", EventName = "RevokedAgent")]
        public static partial void RevokedAgent(ILogger logger, string agent);

        [LoggerMessage(3, LogLevel.Information, "Refused enrollment token {TokenId}: it is spent ({Spent}) or expired", EventName = "UnusableEnrollmentToken")]
        public static partial void UnusableEnrollmentToken(ILogger logger, long tokenId, bool spent);

        [LoggerMessage(4, LogLevel.Information, "Refused API key {KeyId}: its user is disabled or deleted", EventName = "DisabledKey")]
        public static partial void DisabledKey(ILogger logger, long keyId);
    }
}
