namespace Linkwatch.Server.Dashboard;

/// <summary>Latency in ms per x value; null where the series has no point (another series' result, or a failure).</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<double?> Values);
