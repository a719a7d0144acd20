using System.Diagnostics;
using System.Globalization;
using Linkwatch.BenchSupport;
using Linkwatch.ProbeBench;

if (args.Length > 0 && args[0] == "--worker")
    return await Worker.RunAsync(args[1..]);

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
if (!File.Exists(BlackboxExporter.BinaryPath))
{
    Console.Error.WriteLine($"{BlackboxExporter.BinaryPath} is missing: apt-get install -y prometheus-blackbox-exporter (do not start its service).");
    return 2;
}

var work = Directory.CreateTempSubdirectory("linkwatch-probebench-");
try
{
    var loadBefore = LoadAverage();
    await using var targets = await LoopbackTargets.StartAsync();
    var runs = new List<ProberRun>();
    await using (var blackbox = await BlackboxExporter.StartAsync(work.FullName, options.Concurrency))
    {
        // Alternating prober by prober and kind by kind, so drifting machine load hits both alike.
        foreach (var (kind, module, target, count) in new[]
        {
            ("tcp", BlackboxExporter.TcpModule, targets.TcpTarget, options.TcpProbes),
            ("http", BlackboxExporter.HttpModule, targets.HttpTarget, options.HttpProbes),
        }.Where(k => k.Item4 > 0))
        {
            var ours = await WorkerProcess.RunAsync(kind, target, count, options.Concurrency);
            Print(ours);
            var theirs = await blackbox.RunAsync(module, target, count, options.Concurrency);
            Print(theirs);
            runs.AddRange([ours, theirs]);
        }
    }

    var rss = new List<AgentRssRun.Outcome>();
    if (options.AgentSeconds > 0)
    {
        var shipped = options.AgentExe;
        if (shipped is null)
        {
            Console.WriteLine($"publishing the native agent: {AgentPublish.Command}");
            shipped = await AgentPublish.RunAsync();
        }
        // The shipped agent runs with the shipped service environment; the JIT build as `dotnet build` leaves it.
        var runsOfAgent = new List<(string Exe, string Label, IReadOnlyList<string> Environment)>
        {
            (shipped, (options.AgentExe is null ? "native (AOT, `src/Agent/publish-native.sh`)" : $"`{options.AgentExe}`")
                + (options.AgentEnvironment.Count == 0 ? "" : $" with `{string.Join(' ', options.AgentEnvironment)}`"),
                [.. AgentPublish.ServiceEnvironment, .. options.AgentEnvironment]),
        };
        if (options.CompareJit && !string.Equals(options.AgentExe, AgentRssRun.AgentDll, StringComparison.Ordinal))
            runsOfAgent.Add((AgentRssRun.AgentDll, ProbesReport.JitLabelPrefix + " (`dotnet linkwatch-agent.dll`)"
                + (options.AgentEnvironment.Count == 0 ? "" : $" with `{string.Join(' ', options.AgentEnvironment)}`"), options.AgentEnvironment));
        foreach (var (exe, label, environment) in runsOfAgent)
        {
            var outcome = await AgentRssRun.RunAsync(exe, label, work.FullName, targets.TcpTarget, options.Checks, 10,
                TimeSpan.FromSeconds(options.AgentSeconds), environment);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"agent {label} with {outcome.Checks} checks: VmRSS {outcome.LastRssBytes / 1e6:0.0} MB, VmHWM {outcome.PeakRssBytes / 1e6:0.0} MB, {outcome.StoredResults} results stored ({outcome.OkResults} ok)"));
            rss.Add(outcome);
        }
        var peer = await BlackboxScheduleRun.RunAsync(work.FullName, targets.TcpTarget, options.Checks, 10, TimeSpan.FromSeconds(options.AgentSeconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{peer.Agent} with {peer.Checks} targets: VmRSS {peer.LastRssBytes / 1e6:0.0} MB, VmHWM {peer.PeakRssBytes / 1e6:0.0} MB, {peer.StoredResults} probes ({peer.OkResults} ok)"));
        rss.Add(peer);
    }

    var report = new ProbesReport
    {
        Command = options.Command,
        Date = DateTimeOffset.UtcNow,
        Kernel = Uname(),
        LoadBefore = loadBefore,
        LoadAfter = LoadAverage(),
        BlackboxVersion = BlackboxExporter.Version(),
        Concurrency = options.Concurrency,
        Runs = runs,
        Rss = rss,
    };
    Console.WriteLine();
    Console.WriteLine(report.ToMarkdown());
    if (options.WriteDocs)
    {
        report.WriteTo(RepoPaths.BenchmarksDoc);
        Console.WriteLine($"Wrote the Probes section of {RepoPaths.BenchmarksDoc}");
    }
    return runs.All(r => r.Ok == r.Probes) && rss.All(r => r.StoredResults > 0 && r.OkResults == r.StoredResults) ? 0 : 1;
}
finally
{
    work.Delete(recursive: true);
}

static void Print(ProberRun r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{r.Prober,-24} {r.Kind,-5} {r.Probes,7} probes ({r.Ok} ok) in {r.Wall.TotalSeconds,6:0.0} s = {r.ProbesPerSecond,7:0} /s; CPU {r.CpuSeconds,6:0.00} s = {r.ProbesPerCpuSecond,7:0} per CPU-s; VmHWM {r.PeakRssBytes / 1e6:0} MB"));

static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static string Uname()
{
    using var uname = Process.Start(new ProcessStartInfo("uname", "-r") { RedirectStandardOutput = true })!;
    var kernel = uname.StandardOutput.ReadToEnd().Trim();
    uname.WaitForExit();
    return kernel;
}
