using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.BenchSupport;
using Linkwatch.SimulatedAgents;

namespace Linkwatch.ProbeBench;

/// <summary>
/// The agent's memory with a realistic schedule: the real server and the real agent program, the agent
/// enrolled with the <c>enroll</c> verb, CHECKS tcp checks at a 10 s interval assigned to it through
/// <c>POST /api/checks</c>, against a loopback listener; then the agent runs for a while and its
/// VmRSS is sampled once a second.
/// </summary>
public static class AgentRssRun
{
    public const string AgentName = "bench";

    public sealed record Outcome(string Agent, int Checks, int IntervalSeconds, TimeSpan Ran, long LastRssBytes, long MaxSampledRssBytes,
        long PeakRssBytes, double CpuSeconds, int StoredResults, int OkResults, int AgentProblemLines, MemoryMap? Memory = null);

    public static string AgentDll => Path.Combine(RepoPaths.Root, "src", "Agent", "bin", "Release", "net10.0", "linkwatch-agent.dll");

    /// <summary>
    /// Runs the scenario with <paramref name="agentExe"/>: a <c>.dll</c> is started with <c>dotnet</c> (the framework-dependent,
    /// JIT-compiled build), anything else directly (a published self-contained or native executable).
    /// </summary>
    public static async Task<Outcome> RunAsync(string agentExe, string label, string workDirectory, string tcpTarget, int checks, int intervalSeconds,
        TimeSpan duration, IReadOnlyList<string> agentEnvironment)
    {
        workDirectory = Directory.CreateDirectory(Path.Combine(workDirectory, "rss-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var serverData = Directory.CreateDirectory(Path.Combine(workDirectory, "server")).FullName;
        var agentData = Directory.CreateDirectory(Path.Combine(workDirectory, "agent")).FullName;
        await using var server = await ServerProcess.StartAsync(RepoPaths.ServerDll, serverData);

        var enroll = await RunToEndAsync(agentExe, "enroll", "--server", server.BaseUrl.ToString(), "--token", ServerProcess.EnrollmentToken,
            "--data-dir", agentData, "--name", AgentName);
        if (enroll.ExitCode != 0)
            throw new InvalidOperationException($"enroll exited {enroll.ExitCode}: {enroll.Output}");

        using var api = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerProcess.ApiKey);
        for (var i = 0; i < checks; i++)
        {
            using var response = await api.PostAsJsonAsync("/api/checks", new
            {
                name = $"bench-tcp-{i:000}",
                kind = "tcp",
                target = tcpTarget,
                intervalSeconds,
                agents = new[] { AgentName },
            });
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"POST /api/checks -> {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var output = new ConcurrentQueue<string>();
        using var agent = Start(agentExe, output, agentEnvironment, "run", "--no-responder", "--data-dir", agentData);
        var started = Stopwatch.GetTimestamp();
        long maxSampled = 0, last = 0;
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (agent.HasExited)
                throw new InvalidOperationException($"the agent exited with {agent.ExitCode}:\n{string.Join('\n', output.TakeLast(30))}");
            last = ProcessStats.Rss(agent.Id);
            maxSampled = Math.Max(maxSampled, last);
        }
        var ran = Stopwatch.GetElapsedTime(started);
        var peak = ProcessStats.PeakRss(agent.Id);
        // The .dll form's executable is dotnet itself; only a native or self-contained agent's own file is told apart.
        var memory = MemoryMap.Read(agent.Id, agentExe);
        var cpu = ProcessStats.CpuTime(agent.Id).TotalSeconds;
        await StopAsync(agent);

        using var results = JsonDocument.Parse(await api.GetStringAsync($"/api/results?agent={AgentName}&limit=100000"));
        var rows = results.RootElement.EnumerateArray().ToArray();
        var okRows = rows.Count(r => r.GetProperty("verdict").GetString() == "ok");
        var problems = output.Count(l => l.StartsWith("warn:", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal)
            || l.StartsWith("crit:", StringComparison.Ordinal));
        await server.StopAsync();
        return new Outcome(label, checks, intervalSeconds, ran, last, maxSampled, peak, cpu, rows.Length, okRows, problems, memory);
    }

    private static Process Start(string agentExe, ConcurrentQueue<string> output, IReadOnlyList<string> environment, params string[] args)
    {
        var viaDotnet = agentExe.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(viaDotnet ? "dotnet" : agentExe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (viaDotnet)
            info.ArgumentList.Add(agentExe);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var pair in environment)
            info.Environment[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        var process = Process.Start(info) ?? throw new InvalidOperationException("the agent did not start");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(string agentExe, params string[] args)
    {
        var output = new ConcurrentQueue<string>();
        using var process = Start(agentExe, output, [], args);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, string.Join('\n', output));
    }

    /// <summary>SIGTERM, as systemd stops it; killed if it does not exit in time.</summary>
    private static async Task StopAsync(Process agent)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", agent.Id.ToString(CultureInfo.InvariantCulture)])))
            await kill!.WaitForExitAsync();
        try
        {
            await agent.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            agent.Kill(entireProcessTree: true);
            await agent.WaitForExitAsync();
        }
    }
}
