using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Linkwatch.DashboardBench;

/// <summary>Builds the store, times the overview's first render, then measures live load without and with open pages.</summary>
public static class DashboardRun
{
    private static readonly TimeSpan OpenBudget = TimeSpan.FromMinutes(3);

    public static async Task<DashboardReport> RunAsync(BenchOptions options, string work)
    {
        var loadBefore = BenchmarksDoc.LoadAverage();
        // The checks' target: a real loopback port that accepts connections, though only simulated agents "probe" it.
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        var targetText = $"127.0.0.1:{((IPEndPoint)target.LocalEndpoint).Port}";
        Console.WriteLine($"Starting {RepoPaths.ServerDll}");
        await using var server = await ServerProcess.StartAsync(RepoPaths.ServerDll, work, SignIn.ServerEnvironment);
        try
        {
            using var setup = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            var clock = Stopwatch.StartNew();
            await using var fleet = await Fleet.CreateAsync(server, options.Agents, options.Checks, targetText, setup.Token);
            await fleet.SubmitRoundAsync(setup.Token);
            var stored = fleet.Committed;
            Console.WriteLine($"Store: {options.Agents:N0} agents x {options.Checks} checks, {fleet.Committed:N0} results stored in {clock.Elapsed.TotalSeconds:0} s");

            var render = await FirstRender.MeasureAsync(server.BaseUrl, options.Renders, TimeSpan.FromSeconds(options.RenderBudgetSeconds));
            Console.WriteLine($"First render: {render.Times.Count} GETs, p95 {render.Times.P95:0} ms, {render.Rows:N0} rows");

            var (idle, busy, openSeconds, pagesOpened) = await LiveAsync(server, fleet, options);
            return new DashboardReport
            {
                Options = options,
                LoadBefore = loadBefore,
                LoadAfter = BenchmarksDoc.LoadAverage(),
                StoredSeries = stored,
                Render = render,
                Idle = idle,
                Busy = busy,
                PagesOpened = pagesOpened,
                OpenSeconds = openSeconds,
                FailedResults = fleet.Failed,
                ServerProblems = server.Problems().Count,
            };
        }
        finally
        {
            await server.StopAsync();
        }
    }

    private static async Task<(Window Idle, Window? Busy, double OpenSeconds, int Opened)> LiveAsync(ServerProcess server, Fleet fleet, BenchOptions options)
    {
        using var stop = new CancellationTokenSource();
        var load = fleet.RunPacedAsync(TimeSpan.FromSeconds(10), stop.Token);
        var window = TimeSpan.FromSeconds(options.Seconds);
        Window? busy = null;
        var opened = 0;
        var openClock = Stopwatch.StartNew();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idle = await Window.MeasureAsync(server, fleet, window, pages: null);
            Console.WriteLine($"Without pages: server {idle.ServerCores:0.00} cores at {idle.ResultsPerSecond:N0} results/s");
            await using var pages = await LivePages.LaunchAsync();
            openClock.Restart();
            try
            {
                // Bounded in total too: on a saturated server twenty two-minute page timeouts would be most of an hour.
                for (; opened < options.Pages && openClock.Elapsed < OpenBudget; opened++)
                    await pages.OpenOverviewAsync(server.BaseUrl);
            }
            catch (Exception ex) when (ex is TimeoutException or Microsoft.Playwright.PlaywrightException)
            {
                Console.WriteLine($"Opening page {opened + 1} failed: {ex.Message.Split('\n')[0]}");
            }
            var openSeconds = openClock.Elapsed.TotalSeconds;
            Console.WriteLine($"{opened} pages live in {openSeconds:0} s");
            if (opened > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                busy = await Window.MeasureAsync(server, fleet, window, pages);
            }
            return (idle, busy, openSeconds, opened);
        }
        finally
        {
            await stop.CancelAsync();
            // Senders finish their call in flight; each is bounded by the hub call timeout.
            await load.WaitAsync(AgentHubConnection.CallTimeout + TimeSpan.FromSeconds(10));
        }
    }
}
