namespace Linkwatch.Server.Platform.Options;

partial class GeneratedSecrets
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Generated the {What}: {Secret} (shown once; kept in {Path})", EventName = "SecretGenerated")]
        public static partial void Created(ILogger logger, string what, string secret, string path);
    }
}
