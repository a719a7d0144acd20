using Prometheus;

namespace Linkwatch.MetricsBench;

/// <summary>
/// The same scrape with prometheus-net: its registry keeps state, so each scrape sets every series from the
/// newest results (the store is the source of truth) and drops the ones that went away, then serializes.
/// </summary>
public static class PrometheusNetExposition
{
    private static readonly string[] StatusValues = ["up", "degraded", "down"];
    private static readonly string[] CheckLabels = ["check_id", "check", "kind", "agent", "family"];

    public static string Write(IReadOnlyList<Series> series)
    {
        var registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(registry);
        var status = factory.CreateGauge("linkwatch_check_status", "Status of the newest result: 1 for its status, 0 for the others.", [.. CheckLabels, "status"]);
        var success = factory.CreateGauge("linkwatch_check_success", "1 when the newest result is up, else 0.", CheckLabels);
        var latency = factory.CreateGauge("linkwatch_check_latency_seconds", "Phase timings of the newest result; absent while it is down.", [.. CheckLabels, "phase"]);
        var started = factory.CreateGauge("linkwatch_check_last_result_timestamp_seconds", "When the newest result started (agent clock, unix seconds).", CheckLabels);
        foreach (var s in series)
        {
            string[] labels = [s.CheckId, s.Check, s.Kind, s.Agent, s.Family];
            foreach (var value in StatusValues)
                status.WithLabels([.. labels, value]).Set(s.Status == value ? 1 : 0);
            success.WithLabels(labels).Set(s.Status == "up" ? 1 : 0);
            if (s.Status != "down")
            {
                latency.WithLabels([.. labels, "connect"]).Set(s.ConnectMs / 1000.0);
                latency.WithLabels([.. labels, "total"]).Set(s.TotalMs / 1000.0);
            }
            started.WithLabels(labels).Set(s.StartedAtMs / 1000.0);
        }
        using var stream = new MemoryStream();
        registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
