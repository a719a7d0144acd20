namespace Linkwatch.Server.Platform.Limits;

/// <summary>
/// Tells the first event of a streak from the rest, so a limit that keeps refusing logs once per streak and not per
/// event. A streak ends after <see cref="Quiet"/> without events.
/// </summary>
public sealed class Streak
{
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);

    private long _last = long.MinValue;

    /// <summary>Records an event now; true when it starts a new streak.</summary>
    public bool Hit(TimeProvider time)
    {
        var now = time.GetTimestamp();
        var previous = Interlocked.Exchange(ref _last, now);
        return previous == long.MinValue || time.GetElapsedTime(previous, now) > Quiet;
    }
}
