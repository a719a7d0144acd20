using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Platform.Limits;

/// <summary>
/// Per-agent rates of results, network events and Hello calls. A call over its agent's rate is not refused: its
/// answer (the ack the agent waits for) comes later, by exactly as long as the rate needs. An agent sends its next
/// batch only after the ack, so this is back-pressure the agent's outbox absorbs; nothing is lost and nothing is
/// resent. Each agent has its own buckets, so one agent's flood never slows another.
/// </summary>
public sealed partial class AgentRateLimiter(IOptions<LimitsOptions> options, LimitCounters counters, TimeProvider time, ILogger<AgentRateLimiter> logger)
{
    private readonly LimitsOptions _options = options.Value;
    private readonly ConcurrentDictionary<long, AgentBuckets> _agents = new();

    /// <summary>Waits until <paramref name="count"/> results of this agent fit its rate (1,000/s sustained, bursts to 50,000 by default).</summary>
    public Task ResultsAsync(long agentId, string agent, int count, CancellationToken cancellationToken)
    {
        var buckets = For(agentId);
        return WaitAsync(buckets, buckets.Results, LimitCounters.Limit.Results, agent, Math.Max(1, count), cancellationToken);
    }

    /// <summary>Waits until <paramref name="count"/> network events of this agent fit its rate.</summary>
    public Task EventsAsync(long agentId, string agent, int count, CancellationToken cancellationToken)
    {
        var buckets = For(agentId);
        return WaitAsync(buckets, buckets.Events, LimitCounters.Limit.Events, agent, Math.Max(1, count), cancellationToken);
    }

    /// <summary>Waits until this agent's next Hello is due (one per <c>Limits:HelloIntervalSeconds</c>).</summary>
    public Task HelloAsync(long agentId, string agent, CancellationToken cancellationToken)
    {
        var buckets = For(agentId);
        return buckets.Hello is { } hello ? WaitAsync(buckets, hello, LimitCounters.Limit.Hello, agent, 1, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>A revoked or deleted agent's buckets are dropped.</summary>
    public void Forget(long agentId) => _agents.TryRemove(agentId, out _);

    private AgentBuckets For(long agentId) => _agents.GetOrAdd(agentId, static (_, self) => self.NewBuckets(), this);

    private AgentBuckets NewBuckets()
    {
        var now = time.GetTimestamp();
        return new AgentBuckets(
            new TokenBucket(_options.ResultsPerSecond, _options.ResultsBurst, now),
            new TokenBucket(_options.EventsPerSecond, _options.EventsBurst, now),
            _options.HelloIntervalSeconds > 0 ? new TokenBucket(1.0 / _options.HelloIntervalSeconds, 1, now) : null);
    }

    private async Task WaitAsync(AgentBuckets buckets, TokenBucket bucket, string limit, string agent, int count, CancellationToken cancellationToken)
    {
        var wait = bucket.Take(count, time.GetTimestamp(), time.TimestampFrequency);
        if (wait <= TimeSpan.Zero)
            return;
        counters.Throttled(limit);
        if (buckets.StreakOf(limit).Hit(time))
            Log.Throttling(logger, agent, limit, bucket.PerSecond);
        await Task.Delay(wait, time, cancellationToken);
    }

    private sealed record AgentBuckets(TokenBucket Results, TokenBucket Events, TokenBucket? Hello)
    {
        private readonly ConcurrentDictionary<string, Streak> _streaks = new(StringComparer.Ordinal);

        public Streak StreakOf(string limit) => _streaks.GetOrAdd(limit, _ => new Streak());
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "Agent {Agent} is over its {Limit} rate ({PerSecond}/s): its calls are answered later. Logged once per streak; see linkwatch_limit_throttled_total",
            EventName = "AgentThrottled")]
        public static partial void Throttling(ILogger logger, string agent, string limit, double perSecond);
    }
}
