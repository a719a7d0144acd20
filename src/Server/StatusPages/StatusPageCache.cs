using System.Collections.Concurrent;
using System.Globalization;
using Linkwatch.Server.Alerts.Engine;
using Linkwatch.Server.History;

namespace Linkwatch.Server.StatusPages;

/// <summary>
/// Status page summaries, built at most every <see cref="MaxAge"/> per page (one build shared by every request that
/// asks meanwhile), so a status page under load reads the store once in ten seconds. Cleared when a page changes.
/// </summary>
public sealed class StatusPageCache(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);
    public const int DailyBars = 90;

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, Lazy<Task<StatusSummary?>> Summary)> _entries = new(StringComparer.Ordinal);

    public Task<StatusSummary?> GetAsync(string slug, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(slug, out var entry) && now - entry.At < MaxAge && !entry.Summary.Value.IsFaulted)
            return entry.Summary.Value.WaitAsync(cancellationToken);
        var fresh = (now, new Lazy<Task<StatusSummary?>>(() => BuildAsync(slug, CancellationToken.None)));
        var stored = _entries.AddOrUpdate(slug, fresh, (_, old) => now - old.At < MaxAge && !old.Summary.Value.IsFaulted ? old : fresh);
        return stored.Summary.Value.WaitAsync(cancellationToken);
    }

    public void Clear() => _entries.Clear();

    private async Task<StatusSummary?> BuildAsync(string slug, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
        var history = scope.ServiceProvider.GetRequiredService<HistoryQueries>();
        var page = await db.StatusPages.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug, ct);
        if (page is null)
            return null;
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var groups = StatusPageJson.ReadGroups(page.Groups);
        var ids = groups.SelectMany(g => g.Checks).Distinct().ToList();
        var checks = await db.Checks.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var names = page.ShowAgents ? await db.Agents.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct) : [];
        var views = new Dictionary<long, StatusCheck>();
        foreach (var check in checks.Values)
            views[check.Id] = await CheckAsync(db, history, check, page.ShowAgents, names, nowMs, ct);

        var windows = await db.MaintenanceWindows.AsNoTracking().ToListAsync(ct);
        var maintenance = new List<StatusMaintenance>();
        foreach (var w in windows)
        {
            var active = new ActiveWindow(w);
            if (!checks.Values.Any(c => active.Covers(c.Id, StoredJson.ReadLabels(c.Labels), null)))
                continue;
            var ongoing = active.IsActive(now);
            var next = active.NextStart(now);
            if (!ongoing && (next is null || next > now.AddDays(7)))
                continue;
            if (w.Cron is null)
                maintenance.Add(new StatusMaintenance(w.Name, Time.FromMs(w.StartsAt), Time.FromMs(w.EndsAt)));
            else
            {
                var start = ongoing ? (DateTimeOffset?)null : next;
                maintenance.Add(new StatusMaintenance(w.Name, start, start?.AddMinutes(w.DurationMinutes ?? 0)));
            }
        }

        return new StatusSummary(
            page.Slug, page.Title, page.Description, Time.FromMs(page.UpdatedAt),
            StatusPageJson.ReadNotices(page.Notices).OrderByDescending(n => n.At).ToList(), maintenance,
            groups.Select(g => new StatusGroupView(g.Name, g.Checks.Where(views.ContainsKey).Select(id => views[id]).ToList())).ToList())
        { Public = page.Public, BuiltAt = now };
    }

    private static async Task<StatusCheck> CheckAsync(
        LinkwatchDbContext db, HistoryQueries history, Check check, bool showAgents, Dictionary<long, string> names, long now, CancellationToken ct)
    {
        var status = await PublicStatusAsync(db, check.Id, now, ct);
        var newest = status.Agents;
        var overall = status.Overall;

        var uptime = new Dictionary<string, double?>();
        foreach (var window in new[] { "24h", "30d", "90d" })
            uptime[window] = (await history.CountsAsync(check.Id, null, now - (long)HistoryQueries.Windows[window].TotalMilliseconds, now + 1, ct)).Uptime;

        var firstDay = Steps.Floor(now, Steps.Day) - ((DailyBars - 1) * Steps.Day);
        var series = await history.SeriesAsync(check.Id, firstDay, now, Steps.Day, null, null, ct);
        var byDay = series.SelectMany(s => s.Buckets).GroupBy(b => b.Start)
            .ToDictionary(g => g.Key, g => new HistoryQueries.Counts(g.Sum(b => (long)b.Up), g.Sum(b => (long)b.Degraded), g.Sum(b => (long)b.Down)));
        var daily = Enumerable.Range(0, DailyBars).Select(i => firstDay + (i * Steps.Day))
            .Select(d => new StatusDay(Time.FromMs(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), byDay.GetValueOrDefault(d)?.Uptime))
            .ToList();

        var agents = showAgents
            ? newest.Select(n => new StatusAgent(names.GetValueOrDefault(n.AgentId, "?"), n.Status)).OrderBy(a => a.Name, StringComparer.Ordinal).ToList()
            : null;
        return new StatusCheck(check.Id, check.Name, overall, uptime, daily, agents);
    }

    /// <summary>A check's public status and every agent's newest status (results within a day).</summary>
    public sealed record PublicStatus(string Overall, List<(long AgentId, string Status)> Agents);

    /// <summary>Every agent's newest result (within a day) up is up, all down is down, else degraded; none is unknown.</summary>
    public static async Task<PublicStatus> PublicStatusAsync(LinkwatchDbContext db, long checkId, long now, CancellationToken ct)
    {
        var since = now - Steps.Day;
        var agentIds = await db.Results.AsNoTracking().Where(r => r.CheckId == checkId && r.StartedAt >= since)
            .Select(r => r.AgentId).Distinct().ToListAsync(ct);
        var newest = new List<(long AgentId, string Status)>();
        foreach (var agentId in agentIds)
        {
            var status = await db.Results.AsNoTracking().Where(r => r.CheckId == checkId && r.AgentId == agentId && r.StartedAt >= since)
                .OrderByDescending(r => r.StartedAt).Select(r => r.Status).FirstAsync(ct);
            newest.Add((agentId, status));
        }
        var overall = newest.Count == 0 ? "unknown"
            : newest.All(n => n.Status == Statuses.Up) ? Statuses.Up
            : newest.All(n => n.Status == Statuses.Down) ? Statuses.Down
            : Statuses.Degraded;
        return new PublicStatus(overall, newest);
    }
}
