namespace Linkwatch.Shared.Diagnostics;

/// <summary>
/// "Log once per failure streak": a loop that keeps failing the same way logs the first failure, then
/// at most once per interval with how many it held back, and one line when it recovers, instead of
/// warning forever. Thread-safe, so callbacks on other threads may share one streak with their loop.
/// </summary>
/// <param name="interval">The least time between two logged failures of one streak.</param>
/// <param name="time">The clock; the system clock when null.</param>
public sealed class FailureStreak(TimeSpan interval, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private DateTimeOffset _lastLogged = DateTimeOffset.MinValue;
    private int _suppressed;
    private bool _failing;

    /// <summary>A streak that logs its first failure only, and then nothing until it recovers.</summary>
    public static FailureStreak Once(TimeProvider? time = null) => new(TimeSpan.MaxValue, time);

    /// <summary>Whether the last outcome recorded was a failure.</summary>
    public bool IsFailing
    {
        get
        {
            lock (_gate)
                return _failing;
        }
    }

    /// <summary>Records a failure; true when it should be logged, with the count held back since the last log.</summary>
    public bool ShouldLog(out int suppressed)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_failing || now - _lastLogged >= interval)
            {
                suppressed = _suppressed;
                _suppressed = 0;
                _failing = true;
                _lastLogged = now;
                return true;
            }
            _suppressed++;
            suppressed = 0;
            return false;
        }
    }

    /// <summary>Records a failure; true when it should be logged (the held-back count is not needed).</summary>
    public bool ShouldLog() => ShouldLog(out _);

    /// <summary>Records a success; true when it ends a failing streak (worth one "recovered" line).</summary>
    public bool Recovered()
    {
        lock (_gate)
        {
            var was = _failing;
            _failing = false;
            _suppressed = 0;
            return was;
        }
    }
}
