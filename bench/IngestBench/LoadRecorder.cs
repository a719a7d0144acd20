using System.Diagnostics;

namespace Linkwatch.IngestBench;

/// <summary>
/// Collects every SubmitResults call. Throughput and latency count only calls acked inside the
/// measuring window (after the warm-up); totals count the whole run, for the stored-count check.
/// </summary>
public sealed class LoadRecorder
{
    private readonly Lock _lock = new();
    private readonly List<double> _windowLatenciesMs = [];
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MaxValue;
    private long _lastWindowAck;

    public long TotalSent { get; private set; }
    public long TotalCommitted { get; private set; }
    public long TotalRejected { get; private set; }
    public long TotalCalls { get; private set; }
    public long FailedCalls { get; private set; }
    /// <summary>Results of failed calls: they may or may not be stored.</summary>
    public long ResultsInFailedCalls { get; private set; }
    public string? FirstError { get; private set; }
    public long WindowCommitted { get; private set; }

    public void BeginWindow()
    {
        lock (_lock)
            _windowStart = Stopwatch.GetTimestamp();
    }

    public void EndWindow()
    {
        lock (_lock)
            _windowEnd = Stopwatch.GetTimestamp();
    }

    public void Acked(long started, long ended, int sent, int committed, int rejected)
    {
        lock (_lock)
        {
            TotalCalls++;
            TotalSent += sent;
            TotalCommitted += committed;
            TotalRejected += rejected;
            if (ended >= _windowStart && ended <= _windowEnd)
            {
                WindowCommitted += committed;
                _windowLatenciesMs.Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
                _lastWindowAck = ended;
            }
        }
    }

    public void Failed(int sent, Exception error)
    {
        lock (_lock)
        {
            TotalCalls++;
            FailedCalls++;
            TotalSent += sent;
            ResultsInFailedCalls += sent;
            FirstError ??= error.GetType().Name + ": " + error.Message;
        }
    }

    /// <summary>
    /// The measured time: the window, or up to the last ack in it when the result budget ran out early.
    /// </summary>
    public TimeSpan WindowDuration(bool budgetExhausted)
    {
        lock (_lock)
        {
            var end = budgetExhausted && _lastWindowAck > 0 ? Math.Min(_lastWindowAck, _windowEnd) : _windowEnd;
            return Stopwatch.GetElapsedTime(_windowStart, end);
        }
    }

    public LatencySummary Latencies()
    {
        lock (_lock)
            return LatencySummary.From(_windowLatenciesMs);
    }
}
