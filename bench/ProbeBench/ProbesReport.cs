using System.Globalization;
using System.Text;

namespace Linkwatch.ProbeBench;

/// <summary>One run's numbers, printed and written as the "Probes" section of docs/benchmarks.md.</summary>
public sealed record ProbesReport
{
    public const string Heading = "## Probes";
    /// <summary>From the issue: at least twice blackbox_exporter's probes per CPU-second...</summary>
    public const double TargetRatio = 2;
    /// <summary>...and the agent under 60 MB with 200 checks at 10 s.</summary>
    public const double TargetRssMegabytes = 60;

    public required string Command { get; init; }
    public required DateTimeOffset Date { get; init; }
    public required string Kernel { get; init; }
    public required string LoadBefore { get; init; }
    public required string LoadAfter { get; init; }
    public required string BlackboxVersion { get; init; }
    public required int Concurrency { get; init; }
    public required IReadOnlyList<ProberRun> Runs { get; init; }
    public required AgentRssRun.Outcome? Rss { get; init; }

    public double? Ratio(string kind)
    {
        var ours = Runs.FirstOrDefault(r => r.Kind == kind && r.Prober != "blackbox_exporter");
        var theirs = Runs.FirstOrDefault(r => r.Kind == kind && r.Prober == "blackbox_exporter");
        return ours is null || theirs is null ? null : ours.ProbesPerCpuSecond / theirs.ProbesPerCpuSecond;
    }

    private static double Megabytes(long bytes) => bytes / 1_000_000.0;

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(Heading).AppendLine();
        text.AppendLine("Probes per CPU-second of each prober's own process, on loopback, side by side in one run: the agent's");
        text.AppendLine("`tcp` and `http` probes (the real `CheckRunner` and probes, in a child process of the bench) and Debian's");
        text.AppendLine("prometheus-blackbox-exporter (modules `tcp_connect` and `http_2xx`, driven by `GET /probe?module=..&target=..`");
        text.AppendLine("over keep-alive connections). Both probe the same targets, served by the bench process: a TCP listener that");
        text.AppendLine("accepts and closes, and Kestrel answering `200 ok`. CPU is utime+stime from `/proc/PID/stat` of the prober");
        text.AppendLine("process over the measured probes only (after a 300-probe warm-up); RSS is VmHWM from `/proc/PID/status`.");
        text.AppendLine();
        text.AppendLine(c, $"- Command: `{Command}` (from the repository root, after `dotnet build Dashboard.sln -c Release`)");
        text.AppendLine(c, $"- Date: {Date:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine(c, $"- Machine: {Environment.ProcessorCount} cores, Linux {Kernel}, .NET {Environment.Version}; load average (1 min) {LoadBefore} before, {LoadAfter} after; shared with other builds");
        text.AppendLine(c, $"- Peer: {BlackboxVersion}; {Concurrency} probes in flight for every prober");
        text.AppendLine();
        text.AppendLine("| prober | kind | probes | ok | wall s | probes/s | CPU s | probes per CPU-second | peak RSS |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in Runs)
        {
            text.AppendLine(c, $"| {r.Prober} | {r.Kind} | {r.Probes:N0} | {r.Ok:N0} | {r.Wall.TotalSeconds:0.0} | {r.ProbesPerSecond:N0} | {r.CpuSeconds:0.00} | {r.ProbesPerCpuSecond:N0} | {Megabytes(r.PeakRssBytes):0} MB |");
        }
        text.AppendLine();
        foreach (var kind in new[] { "tcp", "http" })
        {
            if (Ratio(kind) is { } ratio)
                text.AppendLine(c, $"- `{kind}`: Linkwatch / blackbox_exporter probes per CPU-second = **{ratio:0.00}x** (target >= {TargetRatio:0}x: {(ratio >= TargetRatio ? "met" : "NOT met")})");
        }
        if (Rss is { } rss)
        {
            text.AppendLine();
            text.AppendLine(c, $"Agent memory: the real server and agent programs (Release), the agent enrolled with `enroll` and assigned {rss.Checks} `tcp` checks");
            text.AppendLine(c, $"at `intervalSeconds` {rss.IntervalSeconds} through `POST /api/checks` (a loopback listener as target), then `run --no-responder` for {rss.Ran.TotalSeconds:0} s.");
            text.AppendLine();
            text.AppendLine("| metric | value |");
            text.AppendLine("|---|---|");
            text.AppendLine(c, $"| agent VmRSS at the end / highest sampled (1 s) | {Megabytes(rss.LastRssBytes):0.0} / {Megabytes(rss.MaxSampledRssBytes):0.0} MB |");
            text.AppendLine(c, $"| agent VmHWM (peak, start-up included) | {Megabytes(rss.PeakRssBytes):0.0} MB |");
            text.AppendLine(c, $"| agent CPU over the whole run | {rss.CpuSeconds:0.00} s |");
            text.AppendLine(c, $"| results stored by the server (ok) | {rss.StoredResults:N0} ({rss.OkResults:N0}) |");
            text.AppendLine(c, $"| agent warn/fail log lines | {rss.AgentProblemLines} |");
            var met = Megabytes(rss.PeakRssBytes) < TargetRssMegabytes;
            text.AppendLine(c, $"| target VmHWM < {TargetRssMegabytes:0} MB | {(met ? "met" : "NOT met")} |");
        }
        return text.ToString();
    }

    /// <summary>Replaces this section of <paramref name="path"/> (up to the next "## " heading), or appends it; other sections stay as they are.</summary>
    public void WriteTo(string path)
    {
        var lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').ToList();
        var start = lines.FindIndex(l => l.TrimEnd() == Heading);
        var section = ToMarkdown().TrimEnd('\n').Split('\n');
        if (start < 0)
        {
            lines.Add("");
            lines.AddRange(section);
        }
        else
        {
            var end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
            var count = (end < 0 ? lines.Count : end) - start;
            lines.RemoveRange(start, count);
            lines.InsertRange(start, end < 0 ? section : [.. section, ""]);
        }
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }
}
