using Linkwatch.Agent.Link;
using Microsoft.AspNetCore.SignalR.Client;

namespace Linkwatch.Agent.Tests.Unit;

/// <summary>Reconnects go on forever, capped at 5 s, until the server says another process took the identity over.</summary>
public class ForeverRetryPolicyTests
{
    private static RetryContext After(long retries) => new() { PreviousRetryCount = retries, ElapsedTime = TimeSpan.FromHours(1) };

    [Fact]
    public void Retries_forever_with_the_delay_capped_at_five_seconds()
    {
        var policy = new ForeverRetryPolicy();

        Assert.Equal(TimeSpan.Zero, policy.NextRetryDelay(After(0)));
        Assert.All(new long[] { 1, 5, 50, 5_000_000 }, n =>
        {
            var delay = policy.NextRetryDelay(After(n));
            Assert.NotNull(delay);
            Assert.InRange(delay.Value, TimeSpan.FromMilliseconds(1), ForeverRetryPolicy.Cap);
        });
    }

    [Fact]
    public void Stops_retrying_once_superseded()
    {
        var superseded = false;
        var policy = new ForeverRetryPolicy(() => superseded);
        Assert.NotNull(policy.NextRetryDelay(After(3)));

        superseded = true;

        Assert.Null(policy.NextRetryDelay(After(0)));
        Assert.Null(policy.NextRetryDelay(After(3)));
    }
}
