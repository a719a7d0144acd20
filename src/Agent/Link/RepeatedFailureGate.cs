namespace Linkwatch.Agent.Link;

/// <summary>
/// Lets a loop that keeps failing the same way log the first failure and then at most once per
/// interval, with how many it held back, instead of warning forever.
/// </summary>
public sealed class RepeatedFailureGate(TimeSpan interval)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _lastLogged = DateTimeOffset.MinValue;
    private int _suppressed;
    private bool _failing;

    /// <summary>Records a failure; true when it should be logged, with the count held back since the last log.</summary>
    public bool ShouldLog(out int suppressed)
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
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
