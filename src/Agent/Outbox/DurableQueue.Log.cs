namespace Linkwatch.Agent.Outbox;

internal sealed partial class DurableQueue<T>
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Queue {Queue} full ({Capacity} entries): dropped the {Count} oldest unsent entries")]
        public static partial void DroppedOldest(ILogger logger, int count, string queue, long capacity);

        [LoggerMessage(2, LogLevel.Warning, "Dropped {Count} unreadable entries from queue {Queue}")]
        public static partial void DroppedCorrupt(ILogger logger, int count, string queue);
    }
}
