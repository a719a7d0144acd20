namespace Linkwatch.HistoryBench;

/// <summary>
/// The seeded fleet's results, as a pure function of (check index, run index): every check runs every interval from an
/// hour boundary, shifted by its own offset inside the interval; about 1 % of its runs are down (whole hours of
/// them, at a different hour per check) and about 1 % degraded; latencies spread over 0.5-10.5 ms.
/// The raw results and all three rollup tiers are derived from it, so they agree with each other.
/// </summary>
public sealed class Workload(BenchOptions options, long end)
{
    public const long Minute = 60_000;
    public const long Hour = 3_600_000;
    public const long Day = 86_400_000;

    public long IntervalMs { get; } = options.IntervalSeconds * 1000L;
    public int Checks => options.Checks;
    public int RunsPerHour => (int)(Hour / IntervalMs);

    /// <summary>The first day of rollups (a day boundary); the raw results and minute rows start later, at their own day.</summary>
    public long RollupStart { get; } = (end / Day - options.RollupDays) * Day;
    public long MinuteStart { get; } = (end / Day - options.MinuteDays) * Day;
    public long RawStart { get; } = (end / Day - options.RawDays) * Day;
    /// <summary>The last whole hour before the seeding time: every tier ends here.</summary>
    public long End { get; } = end / Hour * Hour;

    public long Offset(int check) => check * IntervalMs / options.Checks;

    public long StartedAt(int check, long run) => RollupStart + run * IntervalMs + Offset(check);

    public long RunAt(long hourStart) => (hourStart - RollupStart) / IntervalMs;

    public string Status(int check, long run)
    {
        var hour = run / RunsPerHour;
        if ((hour + check) % 100 == 0)
            return "down";
        return (run + check) % 97 == 0 ? "degraded" : "up";
    }

    public static string Verdict(string status) => status switch
    {
        "down" => "connect_refused",
        "degraded" => "family_latency_divergence",
        _ => "ok",
    };

    public double LatencyMs(int check, long run) => 0.5 + (((check * 7919L) + (run * 104_729L)) % 1000) / 100.0;
}
