using System.Diagnostics;

namespace Linkwatch.DashboardBench;

/// <summary>CPU and memory over one measured window of live load, and the pages' lag sampled once a second in it.</summary>
public sealed record Window(double Seconds, double ServerCpu, double BrowserCpu, long ServerRss, long BrowserRss, long Committed,
    List<double> LagSeconds, double[] WorstLagPerPage, int Unanswered)
{
    public static async Task<Window> MeasureAsync(ServerProcess server, Fleet fleet, TimeSpan length, LivePages? pages)
    {
        var lags = new List<double>();
        var worst = new double[pages?.Pages.Count ?? 0];
        var unanswered = 0;
        var serverCpu0 = ProcessStats.CpuTime(server.Pid);
        var browserCpu0 = BrowserProcesses.CpuTime();
        var committed0 = fleet.Committed;
        var started = Stopwatch.GetTimestamp();
        for (var tick = 1; Stopwatch.GetElapsedTime(started) < length; tick++)
        {
            var due = TimeSpan.FromSeconds(tick) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
                await Task.Delay(due);
            if (pages is null)
                continue;
            var shown = await pages.RowsShownAsync(TimeSpan.FromSeconds(5));
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var i = 0; i < shown.Length; i++)
            {
                if (shown[i] is not { Count: > 0 } rows)
                {
                    unanswered++;
                    continue;
                }
                // A page is as far behind as its stalest row.
                var lag = rows.Max(r => fleet.RowLagSeconds(r.Agent, r.CheckId, r.StartedAtMs, now));
                lags.Add(lag);
                worst[i] = Math.Max(worst[i], lag);
            }
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new Window(seconds, (ProcessStats.CpuTime(server.Pid) - serverCpu0).TotalSeconds,
            (BrowserProcesses.CpuTime() - browserCpu0).TotalSeconds, ProcessStats.Rss(server.Pid), BrowserProcesses.Rss(),
            fleet.Committed - committed0, lags, worst, unanswered);
    }

    public double ServerCores => ServerCpu / Seconds;
    public double BrowserCores => BrowserCpu / Seconds;
    public double ResultsPerSecond => Committed / Seconds;
}
