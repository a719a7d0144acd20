namespace Linkwatch.Server.Dashboard;

/// <summary>The newest result of one check on one agent.</summary>
public sealed record LatestResult(DateTimeOffset StartedAt, string Status, string Verdict, double? LatencyMs, string? Detail);
