using System.Globalization;
using System.Text;

namespace Linkwatch.HistoryBench;

/// <summary>The measured figures against their targets, printed and written as docs/benchmarks.md's History section.</summary>
public sealed record HistoryReport(
    BenchOptions Options, SeededStore Store, long DatabaseBytes, string LoadBefore, string LoadAfter,
    Timed Series, Timed Uptime, Timed CheckPage, StatusPageLoad StatusPage, List<RollupPeriod> Rollup)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public const double SeriesTargetMs = 30, UptimeTargetMs = 10, CheckPageTargetMs = 100, StatusPageTarget = 2000, RollupTargetCore = 0.10;

    public double RollupCore => Median(Rollup.Select(r => r.CpuSeconds)) / RollupJobPeriodSeconds;
    public double RollupCoreMax => Rollup.Max(r => r.CpuSeconds) / RollupJobPeriodSeconds;
    private static double RollupJobPeriodSeconds => Linkwatch.Server.History.RollupJob.Interval.TotalSeconds;

    public bool Met =>
        Series.Latency.P95 < SeriesTargetMs && Uptime.Latency.P95 < UptimeTargetMs && CheckPage.Latency.P95 < CheckPageTargetMs
        && StatusPage.RequestsPerSecond >= StatusPageTarget && StatusPage.Errors == 0 && RollupCore < RollupTargetCore;

    private IEnumerable<string[]> Rows() =>
    [
        Row("30-day chart query, one check (`/series`, hour rollup)", Series, SeriesTargetMs),
        Row("365-day uptime, one check (`/uptime?window=365d`)", Uptime, UptimeTargetMs),
        Row("check page with the 30-day range, server-rendered (`/checks/{id}?range=30d`)", CheckPage, CheckPageTargetMs),
        [$"public status page, {Options.StatusPageChecks} checks (wrk -t2 -c{StatusPage.Connections} -d{StatusPage.Seconds}s)",
            $"{StatusPage.RequestsPerSecond.ToString("N0", Inv)} req/s (p50 {StatusPage.LatencyP50}, p99 {StatusPage.LatencyP99}, {StatusPage.Errors} errors)",
            $">= {StatusPageTarget.ToString("N0", Inv)} req/s", $"{StatusPage.RequestsPerSecond / StatusPageTarget:0.00}x the target",
            StatusPage.RequestsPerSecond >= StatusPageTarget && StatusPage.Errors == 0 ? "met" : "NOT met"],
        [$"rollup job at {Options.RollupResultsPerSecond.ToString("N0", Inv)} results/s (CPU per {RollupJobPeriodSeconds:0} s period, median of {Rollup.Count})",
            $"{RollupCore * 100:0.0} % of one core (max {RollupCoreMax * 100:0.0} %, {Median(Rollup.Select(r => r.WallSeconds)) * 1000:0} ms wall per run)",
            $"< {RollupTargetCore * 100:0} % of one core", $"{RollupCore / RollupTargetCore:0.00} of the limit",
            RollupCore < RollupTargetCore ? "met" : "NOT met"],
    ];

    private static string[] Row(string what, Timed t, double target) =>
    [
        what,
        $"p50 {t.Latency.P50:0.0} ms, p95 {t.Latency.P95:0.0} ms, max {t.Latency.Max:0.0} ms ({t.Latency.Count} requests; {t.Check})",
        $"< {target:0} ms", $"p95 {t.Latency.P95 / target:0.00} of the limit", t.Latency.P95 < target ? "met" : "NOT met",
    ];

    public void Print(TextWriter o)
    {
        o.WriteLine($"store: {Store.RawRows:N0} raw results, {Store.RollupRows:N0} rollup rows, {DatabaseBytes / 1e9:0.0} GB (seeded in {Store.SeedSeconds:0} s)");
        foreach (var r in Rows())
            o.WriteLine($"{r[0]}: {r[1]} | target {r[2]} | {r[3]} | {r[4]}");
        o.WriteLine($"load average {LoadBefore} before, {LoadAfter} after");
    }

    public void WriteTo(string path)
    {
        var s = new StringBuilder();
        s.AppendLine("## History");
        s.AppendLine();
        s.AppendLine("`dotnet run --project bench/HistoryBench -c Release -- --data /var/tmp/linkwatch-history` (the folder keeps the seeded store for the next run;");
        s.AppendLine("without `--data` a temp folder is seeded and removed). Written by that program.");
        s.AppendLine();
        s.AppendLine(FormattableString.Invariant(
            $"Store: the real server's SQLite file with {Store.RawRows:N0} raw results ({Store.Checks:N0} checks every {Store.IntervalSeconds} s for {Store.RawDays} days, about 1 % down and 1 % degraded), "));
        s.AppendLine(FormattableString.Invariant(
            $"{Store.RollupRows:N0} rollup rows (minutes for {Store.MinuteDays} days, hours and days for {Store.RollupDays} days), {DatabaseBytes / 1e9:0.0} GB. "));
        s.AppendLine("The server runs as in production (`dotnet Linkwatch.Server.dll`, Release). Timing starts once its start-up work is done (under 5 %");
        s.AppendLine(FormattableString.Invariant($"of a core for 3 s) and after {Measurements.WarmUp} untimed requests of each kind, for random checks; each time runs from sending the request"));
        s.AppendLine("to reading the whole answer, from a client on the same machine, so it is an upper bound of the server's. The rollup job's cost is the server's own `RollupBuilder` run in the bench's process over one job");
        s.AppendLine("period of results from 1,000 checks on 20 agents every 10 s (every series its own bucket), with that process's CPU time read around it.");
        s.AppendLine();
        s.AppendLine(FormattableString.Invariant($"Load average (1 min) {LoadBefore} before, {LoadAfter} after; 2 cores."));
        s.AppendLine();
        s.AppendLine("| measurement | result | target | ratio | |");
        s.AppendLine("|---|---|---|---|---|");
        foreach (var r in Rows())
            s.AppendLine("| " + string.Join(" | ", r) + " |");
        s.AppendLine();
        BenchmarksDoc.WriteSection(path, "## History", s.ToString());
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}
