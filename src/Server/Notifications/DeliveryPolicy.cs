namespace Linkwatch.Server.Notifications;

/// <summary>
/// Retries per notification and channel. Exponential backoff (1, 2, 4, 8 s) rides out a receiver's
/// restart without hammering it; the per-attempt timeout keeps one hung receiver from holding its
/// queue for long. A singleton so tests can shorten it.
/// </summary>
public sealed record DeliveryPolicy(int MaxAttempts, TimeSpan FirstBackoff, TimeSpan AttemptTimeout)
{
    public static DeliveryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan BackoffAfter(int attempt) => FirstBackoff * Math.Pow(2, attempt - 1);
}
