using System.Diagnostics;
using Linkwatch.BenchSupport;
using Linkwatch.SimulatedAgents;

namespace Linkwatch.ProbeBench;

/// <summary>
/// blackbox_exporter under the agent memory run's schedule: CHECKS <c>tcp_connect</c> probes of the same loopback target
/// every INTERVAL seconds, spread over the interval as Prometheus spreads its scrapes of that many targets, for the same
/// time; a fresh exporter process, so its VmHWM is this schedule's alone and not the throughput runs'.
/// </summary>
public static class BlackboxScheduleRun
{
    public const string Label = "blackbox_exporter (`tcp_connect`, probed on the same schedule)";

    public static async Task<AgentRssRun.Outcome> RunAsync(string workDirectory, string tcpTarget, int checks, int intervalSeconds, TimeSpan duration)
    {
        await using var exporter = await BlackboxExporter.StartAsync(workDirectory, 1);
        var gap = TimeSpan.FromSeconds(intervalSeconds) / checks;
        var started = Stopwatch.GetTimestamp();
        long maxSampled = 0, last = 0, nextSample = 0;
        int probes = 0, ok = 0;
        var inFlight = new List<Task<bool>>();
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            var due = gap * probes;
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            inFlight.Add(exporter.ProbeOnceAsync(BlackboxExporter.TcpModule, tcpTarget));
            probes++;
            if (Stopwatch.GetElapsedTime(started).TotalSeconds >= nextSample)
            {
                nextSample++;
                last = ProcessStats.Rss(exporter.ProcessId);
                maxSampled = Math.Max(maxSampled, last);
                ok += inFlight.Where(t => t.IsCompleted).Count(t => t.Result);
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }
        ok += (await Task.WhenAll(inFlight).WaitAsync(TimeSpan.FromSeconds(30))).Count(r => r);
        var ran = Stopwatch.GetElapsedTime(started);
        return new AgentRssRun.Outcome(Label, checks, intervalSeconds, ran, last, maxSampled, ProcessStats.PeakRss(exporter.ProcessId),
            ProcessStats.CpuTime(exporter.ProcessId).TotalSeconds, probes, ok, 0);
    }
}
