namespace Linkwatch.Server.Metrics;

public enum MetricType
{
    Counter,
    Gauge,
}
