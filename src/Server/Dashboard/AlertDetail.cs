using Linkwatch.Server.Alerts.Api;

namespace Linkwatch.Server.Dashboard;

/// <summary>
/// The alert page: the alert, the results of its check (and agent) around it, newest first, and the
/// active silences that cover it (so whoever looks knows nobody is being told).
/// </summary>
public sealed record AlertDetail(AlertDto Alert, IReadOnlyList<ResultView> Timeline, DateTimeOffset From, DateTimeOffset To,
    IReadOnlyList<Platform.Store.Silence> Silences);
