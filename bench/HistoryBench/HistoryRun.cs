namespace Linkwatch.HistoryBench;

/// <summary>Starts the server on the seeded store, times its reads, stops it, then measures the rollup job.</summary>
public static class HistoryRun
{
    public static async Task<HistoryReport> RunAsync(BenchOptions options, SeededStore store, string data)
    {
        var loadBefore = BenchmarksDoc.LoadAverage();
        var random = new Random(20261201);
        var checks = Enumerable.Range(0, options.Requests + Measurements.WarmUp).Select(_ => store.CheckIds[random.Next(store.CheckIds.Length)]).ToArray();
        Timed series, uptime, page;
        StatusPageLoad status;
        await using (var server = await ServerProcess.StartAsync(RepoPaths.ServerDll, data, SignIn.ServerEnvironment))
        {
            using var api = Seeder.Api(server.BaseUrl);
            // Start-up work (retention, the rollup job catching up, the overview's counts) is not what is timed.
            await ServerIdle.WaitAsync(server.Pid, TimeSpan.FromSeconds(180));
            var now = DateTimeOffset.UtcNow;
            series = await Measurements.TimeAsync("series", options.Requests,
                i => Measurements.GetAsync(api, Measurements.SeriesPath(checks[i], now)), Measurements.CheckSeries);
            uptime = await Measurements.TimeAsync("uptime", options.Requests,
                i => Measurements.GetAsync(api, Measurements.UptimePath(checks[i])), Measurements.CheckUptime);
            using var browser = await SignIn.BrowserAsync(server.BaseUrl);
            page = await Measurements.TimeAsync("check page", Math.Max(10, options.Requests / 3),
                i => Measurements.GetAsync(browser, Measurements.CheckPagePath(checks[i])), Measurements.CheckCheckPage);
            var statusUrl = new Uri(server.BaseUrl, $"/status/{store.StatusSlug}");
            var html = await api.GetStringAsync(statusUrl);
            if (html.Contains("10.0.0.1", StringComparison.Ordinal) || !html.Contains("history 0000", StringComparison.Ordinal))
                throw new InvalidOperationException("the status page does not show its checks, or shows a target");
            status = await Measurements.WrkAsync(statusUrl, options.WrkConnections, options.WrkSeconds);
        }
        var database = Path.Combine(data, "linkwatch.db");
        var rollup = await RollupCost.MeasureAsync(database, store.CheckIds, options.RollupResultsPerSecond, options.RollupPeriods);
        var bytes = new FileInfo(database).Length;
        return new HistoryReport(options, store, bytes, loadBefore, BenchmarksDoc.LoadAverage(), series, uptime, page, status, rollup);
    }
}
