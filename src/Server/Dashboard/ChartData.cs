namespace Linkwatch.Server.Dashboard;

/// <summary>
/// uPlot's aligned data: x in unix seconds (ascending) and one value list per series. <see cref="From"/> and
/// <see cref="To"/> (unix seconds), when given, fix the x axis to a range (the check page's history: 30 days show as
/// 30 days however few buckets hold data); without them the axis fits the data.
/// </summary>
public sealed record ChartData(IReadOnlyList<double> X, IReadOnlyList<ChartSeries> Series, double? From = null, double? To = null);
