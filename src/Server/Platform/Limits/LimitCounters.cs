using System.Collections.Concurrent;

namespace Linkwatch.Server.Platform.Limits;

/// <summary>Running totals of what the limits refused or slowed down since the process started, for <c>/metrics</c>.</summary>
public sealed class LimitCounters
{
    /// <summary>Why a connection was closed at once: its address's anonymous connections, all anonymous ones, or all connections.</summary>
    public static readonly string[] RefusalReasons = [ConnectionRefusal.Address, ConnectionRefusal.Anonymous, ConnectionRefusal.Total];

    /// <summary>What a throttled call was: a results or events batch or a Hello of an agent, a failed sign-in or enrollment.</summary>
    public static readonly string[] ThrottledLimits = [Limit.Results, Limit.Events, Limit.Hello, Limit.SignIn, Limit.Enroll];

    private readonly ConcurrentDictionary<string, long> _refused = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _throttled = new(StringComparer.Ordinal);

    public void Refused(string reason) => _refused.AddOrUpdate(reason, 1, (_, n) => n + 1);

    public void Throttled(string limit) => _throttled.AddOrUpdate(limit, 1, (_, n) => n + 1);

    public long RefusedCount(string reason) => _refused.GetValueOrDefault(reason);

    public long ThrottledCount(string limit) => _throttled.GetValueOrDefault(limit);

    /// <summary>Anonymous and all open connections now, set by the connection limiter.</summary>
    public Func<(int Anonymous, int Total)> OpenConnections { get; set; } = () => (0, 0);

    public static class ConnectionRefusal
    {
        public const string Address = "address";
        public const string Anonymous = "anonymous";
        public const string Total = "total";
    }

    public static class Limit
    {
        public const string Results = "results";
        public const string Events = "events";
        public const string Hello = "hello";
        public const string SignIn = "sign_in";
        public const string Enroll = "enroll";
    }
}
