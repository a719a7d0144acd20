using System.Diagnostics;
using System.Globalization;
using Linkwatch.BenchSupport;
using Linkwatch.SimulatedAgents;

namespace Linkwatch.ProbeBench;

/// <summary>Starts this program in <c>--worker</c> mode and measures the child's CPU and memory over the probe phase.</summary>
public static class WorkerProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static async Task<ProberRun> RunAsync(string kind, string target, int count, int concurrency)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        foreach (var arg in new[] { "--worker", kind, target, count.ToString(CultureInfo.InvariantCulture), concurrency.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // The runtime settings of the agent program (src/Agent/Agent.csproj), so the worker's probes
        // cost what the agent's cost.
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_gcConcurrent"] = "0";
        info.Environment["DOTNET_TieredPGO"] = "0";

        using var process = Process.Start(info) ?? throw new InvalidOperationException("the worker did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await Expect("ready", limit.Token);
            var cpuBefore = ProcessStats.CpuTime(process.Id);
            await process.StandardInput.WriteLineAsync("go");
            await process.StandardInput.FlushAsync(limit.Token);
            var done = await Expect("done", limit.Token);
            var cpuAfter = ProcessStats.CpuTime(process.Id);
            var peak = ProcessStats.PeakRss(process.Id);
            process.StandardInput.Close();
            await process.WaitForExitAsync(limit.Token);

            var parts = done.Split(' ');
            return new ProberRun("Linkwatch agent probes", kind, count, int.Parse(parts[1], CultureInfo.InvariantCulture),
                TimeSpan.FromMilliseconds(double.Parse(parts[2], CultureInfo.InvariantCulture)),
                (cpuAfter - cpuBefore).TotalSeconds, peak);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            Console.Error.WriteLine(await stderr);
            throw;
        }

        async Task<string> Expect(string word, CancellationToken cancellationToken)
        {
            var line = await process.StandardOutput.ReadLineAsync(cancellationToken)
                ?? throw new InvalidOperationException($"the worker exited before '{word}'");
            return line.StartsWith(word, StringComparison.Ordinal)
                ? line
                : throw new InvalidOperationException($"the worker said '{line}', expected '{word}'");
        }
    }
}
