using System.Diagnostics;
using Linkwatch.Agent.Link;
using Linkwatch.Agent.Net;

namespace Linkwatch.IngestBench;

/// <summary>The whole run: server up, agents enrolled and connected, load, verification, then the raw insert limit.</summary>
public static class IngestRun
{
    private const string CheckTarget = "127.0.0.1:9";
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    public static async Task<BenchReport> RunAsync(BenchOptions options, string workDirectory)
    {
        var serverData = Directory.CreateDirectory(Path.Combine(workDirectory, "server")).FullName;
        Console.WriteLine($"Starting {RepoPaths.ServerDll}");
        await using var server = await ServerProcess.StartAsync(RepoPaths.ServerDll, serverData);
        Console.WriteLine($"Server pid {server.Pid} on {server.BaseUrl}");

        var loadBefore = BenchmarksDoc.LoadAverage();
        var recorder = new LoadRecorder();
        var budget = new ResultBudget(options.MaxResults);
        double serverCpu, benchCpu;
        long peakRss;
        using (var invoker = new HttpMessageInvoker(HttpHandlers.CreateForServer()))
        {
            var agents = await SetUpAgentsAsync(options, server, invoker);
            try
            {
                Console.WriteLine($"{agents.Count} agents connected; {options.WarmupSeconds} s warm-up, then {options.Seconds} s measured");
                using var stop = new CancellationTokenSource();
                var interval = options.Rate > 0 ? Pacing.IntervalFor(options.Rate, options.Batch, agents.Count, options.InFlight) : TimeSpan.Zero;
                var load = Task.WhenAll(agents.Select((a, i) => a.RunAsync(options.Batch, options.InFlight,
                    options.Rate > 0 ? new Pacing(interval, i, agents.Count, options.InFlight) : null, budget, recorder, stop.Token)));

                await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
                var serverCpu0 = ProcessStats.CpuTime(server.Pid);
                var benchCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                recorder.BeginWindow();
                var windowEnd = Stopwatch.GetTimestamp() + (long)(options.Seconds * (double)Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < windowEnd && !budget.Exhausted && !load.IsCompleted)
                    await Task.Delay(50);
                recorder.EndWindow();
                serverCpu = (ProcessStats.CpuTime(server.Pid) - serverCpu0).TotalSeconds;
                benchCpu = (Process.GetCurrentProcess().TotalProcessorTime - benchCpu0).TotalSeconds;

                stop.Cancel();
                await load.WaitAsync(DrainTimeout);
                peakRss = ProcessStats.PeakRss(server.Pid);
            }
            finally
            {
                foreach (var agent in agents)
                    await agent.DisposeAsync();
            }
        }
        var window = recorder.WindowDuration(budget.Exhausted);
        var problems = server.Problems();
        if (problems.Count > 0)
            Console.WriteLine("Server warnings/errors:\n" + string.Join('\n', problems.TakeLast(10)));
        var loadAfter = BenchmarksDoc.LoadAverage();
        await server.StopAsync();

        var stored = ServerDatabase.CountResults(server.DatabasePath);
        var schemaMatches = ServerDatabase.SchemaMatches(server.DatabasePath, out var serverDdl);
        if (!schemaMatches)
            Console.WriteLine("The server's Results schema differs from the bench's:\n" + serverDdl);
        Console.WriteLine($"Stored id form: {ServerDatabase.SampleIdStorage(server.DatabasePath)}");
        if (recorder.FirstError is { } error)
            Console.WriteLine($"{recorder.FailedCalls} calls failed; first: {error}");

        var rawRows = Math.Max(recorder.TotalCommitted, options.RawBatch);
        Console.WriteLine($"Load done: {recorder.TotalCommitted:N0} results acked, {stored:N0} stored. Raw insert of {rawRows:N0} rows...");
        var raw = RawInsertBench.Run(Path.Combine(workDirectory, "raw.db"), rawRows, options.RawBatch, options.Agents);

        return new BenchReport
        {
            Options = options,
            Date = DateTimeOffset.UtcNow,
            Kernel = ReadKernel(),
            ResultsPerSecond = recorder.WindowCommitted / window.TotalSeconds,
            Window = window,
            Latency = recorder.Latencies(),
            TotalSent = recorder.TotalSent,
            TotalCommitted = recorder.TotalCommitted,
            TotalRejected = recorder.TotalRejected,
            FailedCalls = recorder.FailedCalls,
            Stored = stored,
            SchemaMatches = schemaMatches,
            ServerCpuSeconds = serverCpu,
            BenchCpuSeconds = benchCpu,
            ServerPeakRssBytes = peakRss,
            ServerProblemLines = problems.Count,
            Raw = raw,
            LoadBefore = loadBefore,
            LoadAfter = loadAfter,
        };
    }

    private static async Task<List<SimulatedAgent>> SetUpAgentsAsync(BenchOptions options, ServerProcess server, HttpMessageInvoker invoker)
    {
        using var api = new ServerApi(server.BaseUrl);
        var hubUri = AgentHubConnection.HubUri(server.BaseUrl);
        var agents = new List<SimulatedAgent>();
        for (var i = 1; i <= options.Agents; i++)
        {
            var name = $"bench-{i:D3}";
            var checkId = await api.CreateCheckAsync($"bench check {i}", name, CheckTarget);
            var credential = await api.EnrollAsync(name);
            agents.Add(new SimulatedAgent(name, credential, hubUri, invoker, new ResultFactory(checkId, CheckTarget, seed: i)));
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Task.WhenAll(agents.Select(a => a.ConnectAsync(timeout.Token)));
        return agents;
    }

    private static string ReadKernel()
    {
        using var uname = Process.Start(new ProcessStartInfo("uname", "-r") { RedirectStandardOutput = true })!;
        var kernel = uname.StandardOutput.ReadToEnd().Trim();
        uname.WaitForExit();
        return kernel;
    }
}
