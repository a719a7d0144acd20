using System.Net;

namespace Linkwatch.Server.Platform.Limits;

/// <summary>
/// Counts one kind of failure (a wrong password, a refused enrollment) per address over the last minute; an address
/// with <c>perMinute</c> failures in it is refused until the oldest is a minute old. Successes are never counted,
/// so people and agents that get it right are never slowed down. Memory is bounded: at most
/// <see cref="MaxAddresses"/> addresses are tracked, the quiet ones forgotten first.
/// </summary>
public sealed partial class FailureThrottle(string limit, int perMinute, LimitCounters counters, TimeProvider time, ILogger logger)
{
    public const int MaxAddresses = 100_000;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, Queue<long>> _failures = [];
    private readonly Streak _streak = new();

    public string Limit => limit;

    /// <summary>Whether <paramref name="address"/> has used up its failures; a refusal is counted and logged once per streak.</summary>
    public bool IsBlocked(IPAddress? address, out TimeSpan retryAfter)
    {
        var key = ConnectionLimiter.Key(address ?? IPAddress.None);
        var now = time.GetTimestamp();
        lock (_gate)
        {
            retryAfter = TimeSpan.Zero;
            if (!_failures.TryGetValue(key, out var times))
                return false;
            Expire(times, now);
            if (times.Count < perMinute)
                return false;
            retryAfter = Window - time.GetElapsedTime(times.Peek(), now);
        }
        counters.Throttled(limit);
        if (_streak.Hit(time))
            Log.Throttling(logger, limit, key.ToString(), perMinute);
        return true;
    }

    /// <summary>Counts one failure from <paramref name="address"/>.</summary>
    public void Failed(IPAddress? address)
    {
        var key = ConnectionLimiter.Key(address ?? IPAddress.None);
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (!_failures.TryGetValue(key, out var times))
            {
                if (_failures.Count >= MaxAddresses)
                    Sweep(now);
                _failures[key] = times = new Queue<long>(perMinute);
            }
            Expire(times, now);
            if (times.Count >= perMinute)
                times.Dequeue();
            times.Enqueue(now);
        }
    }

    private void Expire(Queue<long> times, long now)
    {
        while (times.Count > 0 && time.GetElapsedTime(times.Peek(), now) >= Window)
            times.Dequeue();
    }

    /// <summary>Forgets addresses without a failure in the window; if all are recent, the one quiet longest.</summary>
    private void Sweep(long now)
    {
        foreach (var (address, times) in _failures.ToList())
        {
            Expire(times, now);
            if (times.Count == 0)
                _failures.Remove(address);
        }
        if (_failures.Count >= MaxAddresses)
            _failures.Remove(_failures.MinBy(f => f.Value.Last()).Key);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "Refusing {Limit} attempts from {Address}: {PerMinute} failures in the last minute. Logged once per streak; see linkwatch_limit_throttled_total",
            EventName = "FailuresThrottled")]
        public static partial void Throttling(ILogger logger, string limit, string address, int perMinute);
    }
}
