using Microsoft.AspNetCore.SignalR.Client;

namespace Linkwatch.Agent.Link;

/// <summary>
/// Reconnect forever: an agent that gave up after four tries (the stock policy) would sit
/// silent until someone restarts it. Exponential backoff, capped at 5 s, with jitter downwards
/// so a fleet reconnecting after a server restart does not arrive in lockstep. The one exception is
/// <paramref name="stop"/>: once it is true (the server said another process took this identity over) there is no retry.
/// </summary>
public sealed class ForeverRetryPolicy(Func<bool>? stop = null) : IRetryPolicy
{
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(250);

    public TimeSpan? NextRetryDelay(RetryContext retryContext) => stop?.Invoke() == true ? null : Delay(retryContext.PreviousRetryCount);

    /// <summary>The delay before retry number <paramref name="previousRetries"/> + 1; never null.</summary>
    public static TimeSpan Delay(long previousRetries)
    {
        if (previousRetries <= 0)
            return TimeSpan.Zero;
        var exponent = Math.Min(previousRetries - 1, 10);
        var delay = TimeSpan.FromTicks(Math.Min(Cap.Ticks, First.Ticks << (int)exponent));
        return delay * (0.8 + 0.2 * Random.Shared.NextDouble());
    }
}
