using System.Globalization;
using System.Text;

namespace Linkwatch.DashboardBench;

/// <summary>The run's numbers against the targets, as a console table and as the "## Dashboard" section of docs/benchmarks.md.</summary>
public sealed class DashboardReport
{
    public const string Heading = "## Dashboard";
    private const double RenderTargetMs = 150;
    private const double LagTargetSeconds = 2;

    public required BenchOptions Options { get; init; }
    public required string LoadBefore { get; init; }
    public required string LoadAfter { get; init; }
    public required long StoredSeries { get; init; }
    public required FirstRender.Result Render { get; init; }
    public required Window Idle { get; init; }
    public required Window? Busy { get; init; }
    public required int PagesOpened { get; init; }
    public required double OpenSeconds { get; init; }
    public required long FailedResults { get; init; }
    public required int ServerProblems { get; init; }
    public DateTime Date { get; } = DateTime.UtcNow;

    public bool RenderMet => Render.Times.Count > 0 && Render.Times.P95 < RenderTargetMs;
    public double WorstLag => Busy is { WorstLagPerPage.Length: > 0 } b ? b.WorstLagPerPage.Max() : double.NaN;
    public bool LagMet => PagesOpened == Options.Pages && Busy is { Unanswered: 0 } && WorstLag <= LagTargetSeconds;

    private string Command => "dotnet run --project bench/DashboardBench -c Release" + (Options.Args.Length > 0 ? " -- " + string.Join(' ', Options.Args) : "");

    private IEnumerable<(string Metric, string Value)> Rows()
    {
        static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        var r = Render.Times;
        yield return ("machine load average (1 min) before / after", $"{LoadBefore} / {LoadAfter}");
        yield return ("store", F($"{Options.Agents:N0} agents x {Options.Checks} checks = {Options.Agents * Options.Checks:N0} series, {StoredSeries:N0} results acked before the render timing"));
        yield return ("overview first render (signed-in GET /, prerendered) p50 / p95 / max", F($"{r.P50:0} / {r.P95:0} / {r.Max:0} ms ({r.Count} GETs, {Render.Rows:N0} rows, {Render.Bytes / 1048576.0:0.0} MiB of HTML)"));
        yield return ("target first render p95 < 150 ms", RenderMet ? "met" : "**not met**");
        yield return ("live load offered / committed (without pages)", F($"{Options.Agents * Options.Checks / 10:N0} / {Idle.ResultsPerSecond:N0} results/s"));
        yield return ("server CPU, live load without pages", F($"{Idle.ServerCores:0.00} cores ({Idle.ServerCpu:0.0} s in {Idle.Seconds:0} s)"));
        yield return ("pages live (asked)", F($"{PagesOpened} ({Options.Pages}), opened one after another in {OpenSeconds:0} s"));
        if (Busy is not { } b)
        {
            yield return ("with pages", "not measured: no page became live");
            yield break;
        }
        yield return ("live load committed (with pages)", F($"{b.ResultsPerSecond:N0} results/s"));
        yield return ("server CPU, live load with pages", F($"{b.ServerCores:0.00} cores ({b.ServerCpu:0.0} s in {b.Seconds:0} s)"));
        yield return ("server CPU for the pages (difference)", F($"{b.ServerCores - Idle.ServerCores:0.00} cores, {(b.ServerCores - Idle.ServerCores) / Math.Max(1, PagesOpened):0.000} per page"));
        yield return ("browser CPU (chromium processes)", F($"{b.BrowserCores:0.00} cores ({b.BrowserCpu:0.0} s)"));
        yield return ("server RSS without / with pages", F($"{Idle.ServerRss / 1048576.0:N0} / {b.ServerRss / 1048576.0:N0} MiB"));
        yield return ("server memory per circuit", F($"{(b.ServerRss - Idle.ServerRss) / 1048576.0 / Math.Max(1, PagesOpened):0.0} MiB (RSS difference / pages)"));
        yield return ("browser RSS (sum of chromium processes)", F($"{b.BrowserRss / 1048576.0:N0} MiB"));
        var lags = LatencySummary.From(b.LagSeconds);
        yield return ("page lag (per shown row: time since a newer result of its series was sent; a page counts its stalest row), samples p50 / p95 / max", F($"{lags.P50:0.0} / {lags.P95:0.0} / {lags.Max:0.0} s ({lags.Count} samples, {b.Unanswered} unanswered)"));
        yield return ("worst page lag", F($"{WorstLag:0.0} s"));
        yield return ("target no page more than 2 s behind", LagMet ? "met" : "**not met**");
        yield return ("failed or rejected results / server warn+fail lines", F($"{FailedResults:N0} / {ServerProblems}"));
    }

    public void Print(TextWriter output)
    {
        foreach (var (metric, value) in Rows())
            output.WriteLine($"{metric,-90} {value}");
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Heading).AppendLine();
        text.AppendLine("The real server (Release build, a child process on 127.0.0.1, SQLite in a temp folder, the first admin from");
        text.AppendLine("`Admin__Email`/`Admin__Password`). 20 tcp checks for every agent (interval 10 s, target a loopback port); simulated");
        text.AppendLine("agents enroll through `POST /api/enroll`, connect to the agent hub with the agent's own WebSocket transport and send");
        text.AppendLine("one result per check per call. First render: a signed-in `GET /` timed to the whole response, one unmeasured first.");
        text.AppendLine("Live load: every agent sends its 20 results every 10 s, staggered; server CPU is measured from /proc over a window");
        text.AppendLine("without pages and one with the overview open in headless Debian chromium (one context, `--renderer-process-limit=2`);");
        text.AppendLine("every second each page reports every row it shows (check, agent, `data-started-at`); a row is behind from the moment a newer result of its series was handed to the hub, and a page is as far behind as its stalest row.");
        text.AppendLine();
        string[] facts =
        [
            $"Command: `{Command}` (from the repository root)",
            string.Create(CultureInfo.InvariantCulture, $"Date: {Date:yyyy-MM-dd HH:mm} UTC"),
            $"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; bench, browser and server share the cores",
        ];
        foreach (var fact in facts)
            text.Append("- ").AppendLine(fact);
        text.AppendLine().AppendLine("| metric | value |").AppendLine("|---|---|");
        text.AppendJoin('\n', Rows().Select(r => $"| {r.Metric} | {r.Value} |")).AppendLine();
        return text.ToString();
    }

    public void WriteTo(string path) => BenchmarksDoc.WriteSection(path, Heading, ToMarkdown());
}
