namespace Linkwatch.Server.Notifications;

partial class ChannelSettingsUpgrade
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Encrypted the settings of {Count} notification channels stored in clear text", EventName = "ChannelSettingsEncrypted")]
        public static partial void Encrypted(ILogger logger, int count);
    }
}
