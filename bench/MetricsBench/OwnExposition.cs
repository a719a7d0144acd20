using Linkwatch.Server.Platform.Metrics;

namespace Linkwatch.MetricsBench;

/// <summary>The server's way: the scrape is built from the newest results each time (no state between scrapes).</summary>
public static class OwnExposition
{
    private static readonly string[] StatusValues = ["up", "degraded", "down"];

    public static string Write(IReadOnlyList<Series> series)
    {
        var w = new PrometheusTextWriter();
        w.Family("linkwatch_check_status", MetricType.Gauge, "Status of the newest result: 1 for its status, 0 for the others.");
        foreach (var s in series)
        {
            foreach (var status in StatusValues)
                w.Sample(s.Status == status ? 1 : 0, [.. Labels(s), ("status", status)]);
        }
        w.Family("linkwatch_check_success", MetricType.Gauge, "1 when the newest result is up, else 0.");
        foreach (var s in series)
            w.Sample(s.Status == "up" ? 1 : 0, Labels(s));
        w.Family("linkwatch_check_latency_seconds", MetricType.Gauge, "Phase timings of the newest result; absent while it is down.");
        foreach (var s in series.Where(s => s.Status != "down"))
        {
            w.Sample(s.ConnectMs / 1000.0, [.. Labels(s), ("phase", "connect")]);
            w.Sample(s.TotalMs / 1000.0, [.. Labels(s), ("phase", "total")]);
        }
        w.Family("linkwatch_check_last_result_timestamp_seconds", MetricType.Gauge, "When the newest result started (agent clock, unix seconds).");
        foreach (var s in series)
            w.Sample(s.StartedAtMs / 1000.0, Labels(s));
        return w.ToString();
    }

    private static (string, string)[] Labels(Series s) =>
        [("check_id", s.CheckId), ("check", s.Check), ("kind", s.Kind), ("agent", s.Agent), ("family", s.Family)];
}
