namespace Linkwatch.Agent.Responder;

internal sealed partial class ResponderListener
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Responder {Service} listening on {Address} port {Port}")]
        public static partial void Listening(ILogger logger, string service, IPAddress address, int port);

        [LoggerMessage(2, LogLevel.Warning, "Responder {Service}: port {Port} is already in use; this service is skipped")]
        public static partial void PortInUse(ILogger logger, string service, int port);

        [LoggerMessage(3, LogLevel.Warning, "Responder {Service}: cannot bind port {Port}: {Error} ({Suppressed} similar not logged); retrying with backoff")]
        public static partial void BindFailed(ILogger logger, string service, int port, string error, int suppressed);

        [LoggerMessage(4, LogLevel.Error, "Responder {Service}: listener on port {Port} failed: {Error} ({Suppressed} similar not logged); rebuilding it")]
        public static partial void ListenerFailed(ILogger logger, string service, int port, string error, int suppressed);

        [LoggerMessage(5, LogLevel.Information, "Responder {Service}: listener rebuilt on port {Port}")]
        public static partial void Rebuilt(ILogger logger, string service, int port);
    }
}
