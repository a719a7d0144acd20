using System.Diagnostics;

namespace Linkwatch.BenchSupport;

/// <summary>
/// An offered load: every lane of every agent sends one batch per <see cref="Interval"/>, the lanes
/// staggered evenly across the interval so the server sees a steady stream rather than bursts.
/// </summary>
public sealed class Pacing(TimeSpan interval, int agentIndex, int agents, int lanesPerAgent)
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    public TimeSpan Interval { get; } = interval;

    public static TimeSpan IntervalFor(int rate, int batch, int agents, int lanesPerAgent) =>
        TimeSpan.FromSeconds((double)batch * agents * lanesPerAgent / rate);

    public Schedule ForLane(int lane)
    {
        var slot = agentIndex * lanesPerAgent + lane;
        var offset = Interval * slot / (agents * lanesPerAgent);
        return new Schedule(_origin + (long)(offset.TotalSeconds * Stopwatch.Frequency), (long)(Interval.TotalSeconds * Stopwatch.Frequency));
    }

    /// <summary>One lane's due times.</summary>
    public sealed class Schedule(long first, long step)
    {
        private long _next = first;

        /// <summary>Waits until the next call is due and returns when it was due (in the past if the lane is late).</summary>
        public async Task<long> NextAsync(CancellationToken cancellationToken)
        {
            var due = _next;
            _next += step;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return due;
        }
    }
}
