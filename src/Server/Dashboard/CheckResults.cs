namespace Linkwatch.Server.Dashboard;

/// <summary>The live part of the check page: the recent results table and the chart's data.</summary>
public sealed record CheckResults(long CheckId, IReadOnlyList<ResultView> Recent, ChartData Chart);
