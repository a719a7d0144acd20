using Linkwatch.Server.Platform.Limits;

namespace Linkwatch.Server.Tests.Limits;

public sealed class TokenBucketTests
{
    private const long Frequency = 1_000;

    [Fact]
    public void A_burst_within_capacity_waits_nothing_and_what_goes_past_it_waits_at_the_sustained_rate()
    {
        var bucket = new TokenBucket(perSecond: 1000, capacity: 50_000, startTimestamp: 0);

        Assert.Equal(TimeSpan.Zero, bucket.Take(50_000, 0, Frequency));
        Assert.Equal(TimeSpan.FromSeconds(0.5), bucket.Take(500, 0, Frequency));
        // A second caller at the same moment queues behind the first one's debt.
        Assert.Equal(TimeSpan.FromSeconds(1.0), bucket.Take(500, 0, Frequency));
    }

    [Fact]
    public void Tokens_come_back_at_the_rate_and_never_beyond_capacity()
    {
        var bucket = new TokenBucket(perSecond: 100, capacity: 1000, startTimestamp: 0);
        Assert.Equal(TimeSpan.Zero, bucket.Take(1000, 0, Frequency));

        // 2 s later 200 are back: 200 pass, the 201st waits a hundredth of a second.
        Assert.Equal(TimeSpan.Zero, bucket.Take(200, 2 * Frequency, Frequency));
        Assert.Equal(TimeSpan.FromSeconds(0.01), bucket.Take(1, 2 * Frequency, Frequency));

        // An hour idle refills to capacity only.
        Assert.Equal(TimeSpan.Zero, bucket.Take(1000, 3600 * Frequency, Frequency));
        Assert.True(bucket.Take(1, 3600 * Frequency, Frequency) > TimeSpan.Zero);
    }

    [Fact]
    public void One_per_interval_lets_the_first_through_and_makes_the_next_wait_the_interval()
    {
        var hello = new TokenBucket(perSecond: 1.0 / 5, capacity: 1, startTimestamp: 0);

        Assert.Equal(TimeSpan.Zero, hello.Take(1, 0, Frequency));
        Assert.Equal(TimeSpan.FromSeconds(5), hello.Take(1, 0, Frequency));
        Assert.Equal(TimeSpan.FromSeconds(10), hello.Take(1, 0, Frequency));
    }
}
