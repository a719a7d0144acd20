namespace Linkwatch.Server.Platform.Limits;

/// <summary>
/// A token bucket that lends: a take always succeeds and says how long the taker must wait for the tokens it took
/// beyond what the bucket held. Callers that wait that long before answering get exactly the sustained rate, and
/// the debt that concurrent takers can run up is bounded by how many may take at once.
/// </summary>
public sealed class TokenBucket(double perSecond, double capacity, long startTimestamp)
{
    private readonly Lock _gate = new();
    private readonly double _capacity = capacity;
    private double _tokens = capacity;
    private long _updated = startTimestamp;

    public double PerSecond => perSecond;

    /// <summary>Takes <paramref name="count"/> tokens at <paramref name="timestamp"/> (a <see cref="TimeProvider"/> timestamp) and returns the wait they cost.</summary>
    public TimeSpan Take(double count, long timestamp, long timestampFrequency)
    {
        lock (_gate)
        {
            if (timestamp > _updated)
            {
                _tokens = Math.Min(_capacity, _tokens + (timestamp - _updated) * perSecond / timestampFrequency);
                _updated = timestamp;
            }
            _tokens -= count;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / perSecond);
        }
    }
}
