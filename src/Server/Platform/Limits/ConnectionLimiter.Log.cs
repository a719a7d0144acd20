namespace Linkwatch.Server.Platform.Limits;

partial class ConnectionLimiter
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "Refusing new connections: the {Reason} limit is reached (latest from {Address}; limits: {Max} connections, {MaxAnonymous} anonymous, {PerAddress} anonymous per address). Logged once per streak; see linkwatch_connections_refused_total",
            EventName = "ConnectionsRefused")]
        public static partial void Refusing(ILogger logger, string reason, string address, int max, int maxAnonymous, int perAddress);
    }
}
