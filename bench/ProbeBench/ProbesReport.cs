using System.Globalization;
using System.Text;

namespace Linkwatch.ProbeBench;

/// <summary>One run's numbers, printed and written as the "Probes" section of docs/benchmarks.md.</summary>
public sealed record ProbesReport
{
    public const string Heading = "## Probes";
    /// <summary>From the issue: at least twice blackbox_exporter's probes per CPU-second...</summary>
    public const double TargetRatio = 2;
    /// <summary>...and the native agent at most 35 MB VmHWM with 200 checks at 10 s.</summary>
    public const double TargetRssMegabytes = 35;

    public required string Command { get; init; }
    public required DateTimeOffset Date { get; init; }
    public required string Kernel { get; init; }
    public required string LoadBefore { get; init; }
    public required string LoadAfter { get; init; }
    public required string BlackboxVersion { get; init; }
    public required int Concurrency { get; init; }
    public required IReadOnlyList<ProberRun> Runs { get; init; }
    public required IReadOnlyList<AgentRssRun.Outcome> Rss { get; init; }

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
        if (Rss.Count > 0)
        {
            var first = Rss[0];
            text.AppendLine();
            text.AppendLine(c, $"Agent memory: the real server and agent programs (Release), the agent enrolled with `enroll` and assigned {first.Checks} `tcp` checks");
            text.AppendLine(c, $"at `intervalSeconds` {first.IntervalSeconds} through `POST /api/checks` (a loopback listener as target), then `run --no-responder` for {first.Ran.TotalSeconds:0} s;");
            text.AppendLine("with the agent as shipped (the native executable of `src/Agent/publish-native.sh`, docs/agent.md) and, for comparison, the");
            text.AppendLine("framework-dependent JIT build from `dotnet build`; then a fresh blackbox_exporter probes the same target on the same schedule");
            text.AppendLine("(as Prometheus scraping that many targets at that interval). Each run has its own server and data folders.");
            text.AppendLine();
            text.AppendLine("| prober | VmRSS at the end / highest sampled (1 s) | VmHWM (peak, start-up included) | CPU over the run | results stored (ok) | warn/fail log lines | target VmHWM <= " + TargetRssMegabytes.ToString("0", c) + " MB |");
            text.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var rss in Rss)
            {
                var met = rss.Agent == BlackboxScheduleRun.Label ? "(the peer)"
                    : rss.Agent.StartsWith(JitLabelPrefix, StringComparison.Ordinal) ? "(for comparison; not shipped)"
                    : Megabytes(rss.PeakRssBytes) <= TargetRssMegabytes ? "met" : "NOT met";
                text.AppendLine(c, $"| {rss.Agent} | {Megabytes(rss.LastRssBytes):0.0} / {Megabytes(rss.MaxSampledRssBytes):0.0} MB | {Megabytes(rss.PeakRssBytes):0.0} MB | {rss.CpuSeconds:0.00} s | {rss.StoredResults:N0} ({rss.OkResults:N0}) | {rss.AgentProblemLines} | {met} |");
            }
            text.AppendLine();
            text.AppendLine("What each agent's resident memory was made of at the end of its run (`/proc/PID/smaps`, Rss by mapping):");
            text.AppendLine();
            text.AppendLine("| prober | its executable's pages | libcrypto | other shared libraries | anonymous (GC heap, runtime data, malloc, stacks) | total |");
            text.AppendLine("|---|---|---|---|---|---|");
            foreach (var rss in Rss.Where(r => r.Memory is not null && r.Agent != BlackboxScheduleRun.Label))
            {
                var m = rss.Memory!;
                text.AppendLine(c, $"| {rss.Agent} | {Megabytes(m.Executable):0.0} MB | {Megabytes(m.Crypto):0.0} MB | {Megabytes(m.OtherLibraries + m.Other):0.0} MB | {Megabytes(m.Anonymous):0.0} MB | {Megabytes(m.Total):0.0} MB |");
            }
        }
        text.AppendLine();
        text.AppendLine(Notes);
        return text.ToString();
    }

    /// <summary>The label of the framework-dependent JIT build's run, which is measured for comparison only.</summary>
    public const string JitLabelPrefix = "framework-dependent JIT build";

    // Fixed text: how to read the table, and what was tried on the agent's memory (by hand, with --agent-env).
    private const string Notes = """
        ### Notes on the probe numbers

        - Each blackbox_exporter probe is also an HTTP request to the exporter and a metrics page in reply: that is
          how Prometheus uses it, so it is part of its CPU here. The bench's own HTTP client that drives it, and the
          targets, run in the bench process and are counted for neither prober. The Linkwatch worker's count includes
          its whole loop (CheckRunner, result objects, the probe), with the agent's runtime settings (workstation,
          non-concurrent GC, no TieredPGO).
        - CPU comes in clock ticks (`getconf CLK_TCK` = 100, so 10 ms steps): about 1 % of the Linkwatch figures.
        - Loopback only: no network latency, so the numbers are CPU cost per probe, not what a real path allows.
          The machine was shared with other engineers' builds (see the load average); probes/s moves with that,
          probes per CPU-second much less. The peak RSS of the bench worker is not the agent's: see below.
        - The shipped agent is the Native AOT executable (`src/Agent/publish-native.sh`: size-optimised, stripped,
          SQLite linked in statically). Target: VmHWM at most 35 MB with 200 `tcp` checks at 10 s.
        - What the native agent's resident memory is made of is the second table, read from `/proc/PID/smaps` at the end of
          the run: the executable's own pages (code, read-only data and the type and method tables the runtime reads at
          start), libcrypto (loaded by the runtime for the WebSocket handshake's hash and its random numbers; HTTPS needs it
          anyway), libc, libm, libssl and the loader, and anonymous memory: the GC's committed regions, the runtime data
          the executable expands at start-up, malloc (SQLite's page cache, OpenSSL) and the threads' stacks.
        - Two steps brought the native agent under the target. The gen0 budget: the GC sizes it from the CPU's last-level
          cache, and this machine's has 260 MB, so the agent allocated 25 MB in its first 30 s without a single collection
          (VmHWM 61.9-63.6 MB); the shipped executable has a 4 MB gen0 budget compiled in (`GCgen0size` in aot.pubxml),
          which gave 39.8-41.4 MB. Then the scheduler: checks ran as Quartz jobs, and Quartz (its scheduler, job store and
          what they pull in) was 4.3 MB of the 18.7 MB executable and about 6 MB of anonymous memory at run time. The agent
          now runs each check in a timer loop of its own (`Scheduling/CheckScheduler`): 14.4 MB executable, and 41.3 MB
          became 30.5 MB in the same scenario (shared machine, 2026-12-01). The environment still overrides the
          compiled-in budget, as for any .NET program: `DOTNET_GCgen0size=4000000` (64 MB) gave 63.3 MB.
        - GC knobs tried on the Quartz-era executable (environment, same scenario, 41.3 MB shipped): `DOTNET_GCgen0size=100000`
          (1 MB) 44.0 MB; with `DOTNET_GCRegionSize=100000` (1 MB regions) 41.0 MB; `DOTNET_GCConserveMemory=9` 41.4 MB;
          `DOTNET_GCHeapHardLimit=1400000` (20 MB) 41.0 MB; `GCgen0size=200000` with `GCgen1size=100000` 45.2 MB: none
          worth adopting. A Native AOT executable reads `DOTNET_GC*` values as hexadecimal digits without a `0x` prefix;
          with the prefix the value is ignored silently.
        - The framework-dependent JIT build, for comparison, holds about 113 MB: 58 MB file-backed (the shared
          framework mapped), 35 MB anonymous and 18 MB of JIT-compiled code in the W^X double mapping; the old
          self-contained trimmed form held about 70 MB with `DOTNET_GCgen0size=0x400000`.
        """;

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
