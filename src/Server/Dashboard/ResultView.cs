namespace Linkwatch.Server.Dashboard;

public sealed record ResultView(DateTimeOffset StartedAt, string Agent, string? Family, string Status, string Verdict, double? LatencyMs, string? Detail);
