namespace Linkwatch.Server.Platform.Metrics;

public enum MetricType
{
    Counter,
    Gauge,
}
