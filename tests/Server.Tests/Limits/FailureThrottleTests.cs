using System.Net;
using Linkwatch.Server.Platform.Limits;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linkwatch.Server.Tests.Limits;

public sealed class FailureThrottleTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("192.0.2.7");

    [Fact]
    public void An_address_is_refused_after_its_failures_of_the_minute_until_the_oldest_is_a_minute_old()
    {
        var clock = new SteppingClock();
        var counters = new LimitCounters();
        var throttle = new FailureThrottle(LimitCounters.Limit.SignIn, 3, counters, clock, NullLogger.Instance);
        for (var i = 0; i < 3; i++)
        {
            Assert.False(throttle.IsBlocked(Guesser, out _));
            throttle.Failed(Guesser);
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.True(throttle.IsBlocked(Guesser, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(30), retryAfter);
        Assert.False(throttle.IsBlocked(IPAddress.Parse("192.0.2.8"), out _));
        Assert.Equal(1, counters.ThrottledCount(LimitCounters.Limit.SignIn));

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(throttle.IsBlocked(Guesser, out _));
    }

    /// <summary>A timestamp the test moves by hand (the throttle reads timestamps, not wall time).</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
