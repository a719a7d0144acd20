namespace Linkwatch.Server.Notifications;

partial class ChannelSender
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Channel plug-in {Type} threw while sending to channel {Channel}", EventName = "ChannelPluginThrew")]
        public static partial void PluginThrew(ILogger logger, string type, string channel, Exception exception);
    }
}
