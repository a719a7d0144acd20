namespace Linkwatch.Server.History;

/// <summary>Builds one bucket's numbers: from raw results (exact percentiles), or by merging finer buckets.</summary>
public static class BucketStats
{
    /// <summary>Fills <paramref name="into"/> from the statuses and latencies of every raw result in its bucket.</summary>
    public static void FromRaw(Rollup into, IEnumerable<(string Status, double? Latency)> results)
    {
        int count = 0, up = 0, degraded = 0, down = 0;
        var latencies = new List<double>();
        foreach (var (status, latency) in results)
        {
            count++;
            switch (status)
            {
                case Statuses.Up: up++; break;
                case Statuses.Degraded: degraded++; break;
                default: down++; break;
            }
            if (latency is { } l)
                latencies.Add(l);
        }
        into.Count = count;
        into.Up = up;
        into.Degraded = degraded;
        into.Down = down;
        into.Samples = latencies.Count;
        if (latencies.Count == 0)
        {
            into.Min = into.Avg = into.Max = into.P50 = into.P95 = into.P99 = null;
            return;
        }
        latencies.Sort();
        into.Min = latencies[0];
        into.Max = latencies[^1];
        into.Avg = latencies.Average();
        into.P50 = Percentile(latencies, 0.50);
        into.P95 = Percentile(latencies, 0.95);
        into.P99 = Percentile(latencies, 0.99);
    }

    /// <summary>Nearest rank of sorted values.</summary>
    public static double Percentile(List<double> sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>
    /// Fills <paramref name="into"/> from finer buckets: counts, minimum and maximum exactly, the average weighted by
    /// samples, and the percentiles as the sample-weighted mean of the finer buckets' percentiles (an estimate).
    /// </summary>
    public static void Merge(Rollup into, IEnumerable<Rollup> finer)
    {
        int count = 0, up = 0, degraded = 0, down = 0, samples = 0;
        double? min = null, max = null;
        double avg = 0, p50 = 0, p95 = 0, p99 = 0;
        foreach (var f in finer)
        {
            count += f.Count;
            up += f.Up;
            degraded += f.Degraded;
            down += f.Down;
            if (f.Samples == 0)
                continue;
            samples += f.Samples;
            min = min is { } m ? Math.Min(m, f.Min ?? m) : f.Min;
            max = max is { } x ? Math.Max(x, f.Max ?? x) : f.Max;
            avg += (f.Avg ?? 0) * f.Samples;
            p50 += (f.P50 ?? 0) * f.Samples;
            p95 += (f.P95 ?? 0) * f.Samples;
            p99 += (f.P99 ?? 0) * f.Samples;
        }
        into.Count = count;
        into.Up = up;
        into.Degraded = degraded;
        into.Down = down;
        into.Samples = samples;
        into.Min = min;
        into.Max = max;
        into.Avg = samples == 0 ? null : avg / samples;
        into.P50 = samples == 0 ? null : p50 / samples;
        into.P95 = samples == 0 ? null : p95 / samples;
        into.P99 = samples == 0 ? null : p99 / samples;
    }
}
