namespace Linkwatch.Server.History;

partial class RollupBuilder
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Rolled up {Count} new results", EventName = "RolledUp")]
        public static partial void Rolled(ILogger logger, int count);
    }
}
