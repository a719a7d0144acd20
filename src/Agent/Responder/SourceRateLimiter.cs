namespace Linkwatch.Agent.Responder;

/// <summary>
/// A token bucket per source address, so the UDP echo cannot be turned into a reflector: a
/// spoofed flood gets at most the rate back, per spoofed source.
/// </summary>
internal sealed class SourceRateLimiter(int ratePerSecond, TimeProvider time)
{
    // Bounds memory under a flood of spoofed sources; the table is simply started afresh.
    private const int MaxSources = 10_000;
    private readonly Dictionary<IPAddress, (double Tokens, long At)> _buckets = [];

    /// <summary>Takes one token for <paramref name="source"/>; false when its bucket is empty.</summary>
    public bool TryTake(IPAddress source)
    {
        var now = time.GetTimestamp();
        if (!_buckets.TryGetValue(source, out var bucket))
        {
            if (_buckets.Count >= MaxSources)
                _buckets.Clear();
            bucket = (ratePerSecond, now);
        }
        var refill = time.GetElapsedTime(bucket.At, now).TotalSeconds * ratePerSecond;
        var tokens = Math.Min(ratePerSecond, bucket.Tokens + refill);
        if (tokens < 1)
        {
            _buckets[source] = (tokens, now);
            return false;
        }
        _buckets[source] = (tokens - 1, now);
        return true;
    }
}
