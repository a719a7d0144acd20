namespace Linkwatch.Server.Dashboard;

/// <summary>uPlot's aligned data: x in unix seconds (ascending) and one value list per series.</summary>
public sealed record ChartData(IReadOnlyList<double> X, IReadOnlyList<ChartSeries> Series);
