using Linkwatch.Server.Apis;

namespace Linkwatch.Server.Dashboard;

/// <summary>The alert page: the alert and the results of its check (and agent) around it, newest first.</summary>
public sealed record AlertDetail(AlertDto Alert, IReadOnlyList<ResultView> Timeline, DateTimeOffset From, DateTimeOffset To);
