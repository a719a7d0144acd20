namespace Linkwatch.Agent.Responder;

internal sealed partial class UdpEchoListener
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Responder udp-echo listening on {Address} port {Port}", EventName = "UdpEchoListening")]
        public static partial void Listening(ILogger logger, IPAddress address, int port);

        [LoggerMessage(2, LogLevel.Warning, "Responder udp-echo: port {Port} is already in use; this service is skipped", EventName = "UdpEchoPortInUse")]
        public static partial void PortInUse(ILogger logger, int port);

        [LoggerMessage(3, LogLevel.Warning, "Responder udp-echo: cannot bind port {Port}: {Error} ({Suppressed} similar not logged); retrying with backoff", EventName = "UdpEchoBindFailed")]
        public static partial void BindFailed(ILogger logger, int port, string error, int suppressed);

        [LoggerMessage(4, LogLevel.Error, "Responder udp-echo: socket on port {Port} failed: {Error} ({Suppressed} similar not logged); rebuilding it", EventName = "UdpEchoSocketFailed")]
        public static partial void SocketFailed(ILogger logger, int port, string error, int suppressed);

        [LoggerMessage(5, LogLevel.Information, "Responder udp-echo: socket rebuilt on port {Port}", EventName = "UdpEchoRebuilt")]
        public static partial void Rebuilt(ILogger logger, int port);
    }
}
