using System.Globalization;
using System.Text;

namespace Linkwatch.IngestBench;

/// <summary>One run's numbers, printed as a table and written as the "Ingest" section of docs/benchmarks.md.</summary>
public sealed record BenchReport
{
    public const double TargetResultsPerSecond = 5000;
    public const double TargetP99Ms = 250;

    public required BenchOptions Options { get; init; }
    public required DateTimeOffset Date { get; init; }
    public required string Kernel { get; init; }
    public required double ResultsPerSecond { get; init; }
    public required TimeSpan Window { get; init; }
    public required LatencySummary Latency { get; init; }
    public required long TotalSent { get; init; }
    public required long TotalCommitted { get; init; }
    public required long TotalRejected { get; init; }
    public required long FailedCalls { get; init; }
    public required long Stored { get; init; }
    public required bool SchemaMatches { get; init; }
    public required double ServerCpuSeconds { get; init; }
    public required double BenchCpuSeconds { get; init; }
    public required long ServerPeakRssBytes { get; init; }
    public required int ServerProblemLines { get; init; }
    public required RawInsertBench.Outcome Raw { get; init; }
    /// <summary>1-minute load averages around the run: other work on the machine competes for its cores.</summary>
    public required string LoadBefore { get; init; }
    public required string LoadAfter { get; init; }

    /// <summary>Each kind of run has its own section: capacity (as fast as acks come back) and an offered rate.</summary>
    public string Heading => Options.Rate > 0 ? $"## Ingest at {Options.Rate:N0} results/s offered" : "## Ingest";

    public double Ratio => ResultsPerSecond / Raw.RowsPerSecond;
    public bool StoredMatchesAcked => Stored == TotalCommitted;
    public bool MeetsTarget => ResultsPerSecond >= TargetResultsPerSecond && Latency.P99 < TargetP99Ms;

    public string Command
    {
        get
        {
            var args = Options.Arguments.Count == 0 ? "" : " -- " + string.Join(' ', Options.Arguments);
            return "dotnet run --project bench/IngestBench -c Release" + args;
        }
    }

    private (string Metric, string Value)[] Rows() =>
    [
        ("load", $"{Options.Agents} agents x {Options.Batch} results/call, up to {Options.InFlight} calls in flight each, "
            + (Options.Rate > 0 ? $"paced at {Options.Rate:N0} results/s offered" : "each call sent as soon as an ack frees its slot")
            + $"; {Options.WarmupSeconds} s warm-up + {Window.TotalSeconds:0.0} s measured"),
        ("machine load average (1 min) before / after", $"{LoadBefore} / {LoadAfter}"),
        ("committed results/s (acked)", $"{ResultsPerSecond:N0}"),
        ("ack latency p50 / p95 / p99 / max", $"{Latency.P50:0.0} / {Latency.P95:0.0} / {Latency.P99:0.0} / {Latency.Max:0.0} ms ({Latency.Count:N0} calls)"),
        ("server CPU in the window", $"{ServerCpuSeconds:0.00} s ({ServerCpuSeconds / Window.TotalSeconds:0.00} of {Environment.ProcessorCount} cores)"),
        ("bench client CPU in the window", $"{BenchCpuSeconds:0.00} s ({BenchCpuSeconds / Window.TotalSeconds:0.00} cores, same machine)"),
        ("server peak RSS (VmHWM)", $"{ServerPeakRssBytes / (1024.0 * 1024):0} MiB"),
        ("whole run: sent / acked committed / rejected / failed calls", $"{TotalSent:N0} / {TotalCommitted:N0} / {TotalRejected:N0} / {FailedCalls:N0}"),
        ("stored rows (SQLite count after stop)", $"{Stored:N0} ({(StoredMatchesAcked ? "equals" : "DIFFERS FROM")} acked)"),
        ("server warn/fail log lines", ServerProblemLines.ToString(CultureInfo.InvariantCulture)),
        ("raw SQLite insert rows/s", $"{Raw.RowsPerSecond:N0} ({Raw.Rows:N0} rows, {Options.RawBatch:N0}/transaction, WAL, synchronous=NORMAL, same table + indexes{(SchemaMatches ? "" : " (SCHEMA DIFFERS from the server's)")})"),
        ("ingest / raw", $"{Ratio:P1}"),
        ($"target >= {TargetResultsPerSecond:N0}/s with p99 < {TargetP99Ms:0} ms",
            Options.Rate > 0 ? (MeetsTarget ? "met" : "NOT met") : "judged in the paced run (--rate): a capacity run queues by design"),
    ];

    public void Print(TextWriter output)
    {
        var rows = Rows();
        var width = rows.Max(r => r.Metric.Length);
        output.WriteLine();
        output.WriteLine($"Ingest benchmark, {Date:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, Linux {Kernel}");
        output.WriteLine(new string('-', width + 40));
        foreach (var (metric, value) in rows)
            output.WriteLine($"{metric.PadRight(width)}  {value}");
        output.WriteLine();
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Heading);
        text.AppendLine();
        text.AppendLine("The real server (Release build, a child process on 127.0.0.1, SQLite in a temp folder) with simulated agents:");
        text.AppendLine("each enrolls through `POST /api/enroll`, gets its own tcp check (interval 3600 s, so nothing else runs),");
        text.AppendLine("opens the agent hub over WebSocket with the agent's own transport, says Hello and then submits batches of");
        text.AppendLine("results (fresh UUIDv7 ids, one attempt with phases) " + (Options.Rate > 0
            ? "on a fixed schedule; a call's latency counts from when it was due, so a late sender does not hide delay."
            : "as fast as acks come back. That measures capacity; the ack latency is then mostly time spent queued behind"));
        if (Options.Rate == 0)
            text.AppendLine(CultureInfo.InvariantCulture, $"the {Options.Agents * Options.InFlight * Options.Batch:N0} results always in flight (Little's law: in flight / throughput).");
        text.AppendLine("Only acks received in the measured window count. Then the same rows go straight into a fresh SQLite file");
        text.AppendLine("with the server's Results table and indexes through one prepared INSERT: the storage ceiling the ingest path");
        text.AppendLine("is compared with (only the inserts and commits are timed there, not building the rows).");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{Command}` (from the repository root)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Date: {Date:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {Environment.ProcessorCount} cores (Environment.ProcessorCount), Linux {Kernel}, .NET {Environment.Version}; the bench client runs on the same cores as the server");
        text.AppendLine();
        text.AppendLine("| metric | value |");
        text.AppendLine("|---|---|");
        foreach (var (metric, value) in Rows())
            text.AppendLine(CultureInfo.InvariantCulture, $"| {metric} | {value} |");
        text.AppendLine();
        var share = Options.Rate > 0
            ? string.Create(CultureInfo.InvariantCulture, $"the offered rate is {Ratio:P0} of the raw insert limit ({Raw.RowsPerSecond:N0} rows/s); capacity is measured in the Ingest section.")
            : string.Create(CultureInfo.InvariantCulture, $"that is {Ratio:P0} of the raw insert limit ({Raw.RowsPerSecond:N0} rows/s) and {ResultsPerSecond / TargetResultsPerSecond:0.0}x the target rate.");
        if (Options.Rate > 0)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Target: at least {TargetResultsPerSecond:N0} results/s committed with p99 ack under {TargetP99Ms:0} ms on 2 cores: "
                + $"**{(MeetsTarget ? "met" : "not met")}** in this run, at {ResultsPerSecond:N0} results/s and p99 {Latency.P99:0} ms; {share}");
        else
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Capacity: {ResultsPerSecond:N0} results/s committed with p99 ack {Latency.P99:0} ms while saturated; {share} The latency target is judged at the offered rate in the next section.");
        return text.ToString();
    }

    /// <summary>Replaces this run's section of the file (up to the next "## " heading), or adds it.</summary>
    public void WriteTo(string path) => BenchmarksDoc.WriteSection(path, Heading, ToMarkdown());
}
