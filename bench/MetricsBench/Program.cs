using System.Diagnostics;
using Linkwatch.MetricsBench;

// One /metrics scrape of a large installation, written by the server's own writer and by prometheus-net,
// in the same process, one after the other: time and allocation per scrape, and the ratio.
var agents = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
var checksPerAgent = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
const int Scrapes = 30;
var series = SeriesSet.Create(agents, checksPerAgent);
var own = Measure("own writer", () => OwnExposition.Write(series), Scrapes);
var peer = Measure("prometheus-net 8.2.1", () => PrometheusNetExposition.Write(series), Scrapes);
var report = new MetricsReport(agents * checksPerAgent, own, peer, File.ReadAllText("/proc/loadavg").Split(' ')[0]);
Console.WriteLine(report.ToMarkdown());
report.WriteTo(Path.Combine(RepoRoot.Find(), "docs", "benchmarks.md"));

static ScrapeStats Measure(string name, Func<string> scrape, int count)
{
    var bytes = scrape().Length; // warm-up, and the size of one scrape
    var times = new List<double>();
    var allocated = 0L;
    for (var i = 0; i < count; i++)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        scrape();
        times.Add(clock.Elapsed.TotalMilliseconds);
        allocated += GC.GetAllocatedBytesForCurrentThread() - before;
    }
    times.Sort();
    return new ScrapeStats(name, times[times.Count / 2], times[(int)(times.Count * 0.95)], allocated / count, bytes);
}
