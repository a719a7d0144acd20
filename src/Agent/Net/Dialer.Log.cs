namespace Linkwatch.Agent.Net;

public sealed partial class Dialer
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Connecting to {Host}:{Port} via {Address} failed with {Verdict}; trying the next address",
            EventName = "TryingNextAddress")]
        public static partial void TryingNextAddress(ILogger logger, string host, int port, string address, string verdict);
    }
}
