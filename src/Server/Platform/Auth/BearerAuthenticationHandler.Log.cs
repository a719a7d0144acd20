namespace Linkwatch.Server.Platform.Auth;

partial class BearerAuthenticationHandler
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Refused a token for {Path}", EventName = "UnknownToken")]
        public static partial void UnknownToken(ILogger logger, PathString path);

        [LoggerMessage(2, LogLevel.Information, "Refused revoked agent {Agent}", EventName = "RevokedAgent")]
        public static partial void RevokedAgent(ILogger logger, string agent);
    }
}
