using Linkwatch.Server.Platform.Store.Migrations;

namespace Linkwatch.Server.Alerts.Engine;

/// <summary>
/// The engine's store for one pass: a scope with its own <see cref="LinkwatchDbContext"/>, bulk reads of what the pass
/// needs, and one <see cref="SaveAsync"/> at its end. Alerts are tracked, so a pass changes them through their methods
/// and the save writes only the columns that changed (an acknowledgement written meanwhile is kept); everything else is
/// read without tracking.
/// </summary>
public sealed class AlertRepository : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly LinkwatchDbContext _db;

    private AlertRepository(IServiceScopeFactory scopes)
    {
        _scope = scopes.CreateAsyncScope();
        _db = _scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
    }

    public static AlertRepository Open(IServiceScopeFactory scopes) => new(scopes);

    public async Task<List<CompiledRule>> LoadRulesAsync(CancellationToken cancellationToken) =>
        (await _db.AlertRules.AsNoTracking().Where(r => r.Enabled).OrderBy(r => r.Id).ToListAsync(cancellationToken))
            .Select(CompiledRule.From).ToList();

    /// <summary>Checks by id; all of them when <paramref name="ids"/> is null.</summary>
    public async Task<Dictionary<long, CheckInfo>> ChecksAsync(IEnumerable<long>? ids, CancellationToken cancellationToken)
    {
        var query = _db.Checks.AsNoTracking();
        if (ids is not null)
        {
            var list = ids.Distinct().ToList();
            if (list.Count == 0)
                return [];
            query = query.Where(c => list.Contains(c.Id));
        }
        var rows = await query.Select(c => new { c.Id, c.Name, c.Labels, c.IntervalSeconds, c.DependsOn }).ToListAsync(cancellationToken);
        return rows.ToDictionary(c => c.Id, c => new CheckInfo(c.Id, c.Name, StoredJson.ReadLabels(c.Labels), c.IntervalSeconds)
        {
            DependsOn = Checks.CheckDependencies.Read(c.DependsOn),
        });
    }

    /// <summary>Checks that name a parent among <paramref name="parentIds"/>, with their parents.</summary>
    public async Task<Dictionary<long, CheckInfo>> ChildrenOfAsync(IReadOnlySet<long> parentIds, CancellationToken cancellationToken)
    {
        var ids = (await _db.Checks.AsNoTracking().Where(c => c.DependsOn != "[]").Select(c => new { c.Id, c.DependsOn }).ToListAsync(cancellationToken))
            .Where(c => Checks.CheckDependencies.Read(c.DependsOn).Any(parentIds.Contains)).Select(c => c.Id).ToList();
        return await ChecksAsync(ids, cancellationToken);
    }

    /// <summary>The newest result's status of every (check, agent) series of the given checks: what a parent's state starts from.</summary>
    public async Task<List<(long CheckId, long AgentId, long StartedAt, string Status)>> NewestStatusesAsync(IReadOnlyCollection<long> checkIds,
        CancellationToken cancellationToken)
    {
        var list = checkIds.Distinct().ToList();
        if (list.Count == 0)
            return [];
        var newest = await _db.Results.AsNoTracking().Where(r => list.Contains(r.CheckId))
            .GroupBy(r => new { r.CheckId, r.AgentId }).Select(g => new { g.Key.CheckId, g.Key.AgentId, At = g.Max(r => r.StartedAt) })
            .ToListAsync(cancellationToken);
        var found = new List<(long, long, long, string)>(newest.Count);
        foreach (var series in newest)
        {
            var status = await _db.Results.AsNoTracking()
                .Where(r => r.CheckId == series.CheckId && r.AgentId == series.AgentId && r.StartedAt == series.At)
                .OrderByDescending(r => r.Id).Select(r => r.Status).FirstAsync(cancellationToken);
            found.Add((series.CheckId, series.AgentId, series.At, status));
        }
        return found;
    }

    /// <summary>A check's unresolved alerts held as suppressed, tracked: what a recovered parent may release.</summary>
    public Task<List<Alert>> SuppressedAlertsOfAsync(IReadOnlyCollection<long> checkIds, CancellationToken cancellationToken) =>
        _db.Alerts.Where(a => a.CheckId != null && checkIds.Contains(a.CheckId.Value) && a.State != AlertStates.Resolved && a.Suppressed)
            .ToListAsync(cancellationToken);

    /// <summary>A check's unresolved alerts not held yet, tracked: what a parent that went down holds.</summary>
    public Task<List<Alert>> UnheldAlertsOfAsync(IReadOnlyCollection<long> checkIds, CancellationToken cancellationToken) =>
        _db.Alerts.Where(a => a.CheckId != null && checkIds.Contains(a.CheckId.Value) && a.State != AlertStates.Resolved && !a.Suppressed)
            .ToListAsync(cancellationToken);

    public async Task<Dictionary<long, string>> AgentNamesAsync(IEnumerable<long?> ids, CancellationToken cancellationToken)
    {
        var list = ids.OfType<long>().Distinct().ToList();
        return list.Count == 0 ? [] : await _db.Agents.AsNoTracking().Where(a => list.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
    }

    /// <summary>Agents that are not revoked, with their labels; deleted or revoked ones are missing.</summary>
    public async Task<Dictionary<long, AgentInfo>> ActiveAgentsAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        var rows = await _db.Agents.AsNoTracking().Where(a => list.Contains(a.Id) && !a.Revoked)
            .Select(a => new { a.Id, a.Name, a.Labels }).ToListAsync(cancellationToken);
        return rows.ToDictionary(a => a.Id, a => new AgentInfo(a.Name, StoredJson.ReadLabels(a.Labels)));
    }

    /// <summary>Agents that have been seen and are not revoked.</summary>
    public Task<List<long>> SeenAgentIdsAsync(CancellationToken cancellationToken) =>
        _db.Agents.AsNoTracking().Where(a => a.LastSeen != null && !a.Revoked).Select(a => a.Id).ToListAsync(cancellationToken);

    public Task<List<Silence>> SilencesAsync(long now, CancellationToken cancellationToken) =>
        _db.Silences.AsNoTracking().Where(s => s.Until > now).ToListAsync(cancellationToken);

    public async Task<List<ActiveWindow>> WindowsAsync(CancellationToken cancellationToken) =>
        (await _db.MaintenanceWindows.AsNoTracking().ToListAsync(cancellationToken)).Select(w => new ActiveWindow(w)).ToList();

    /// <summary>Alerts by id, tracked for changes.</summary>
    public async Task<Dictionary<long, Alert>> AlertsAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        return list.Count == 0 ? [] : await _db.Alerts.Where(a => list.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
    }

    /// <summary>Open (not acknowledged), settled alerts of the given rules, tracked: the candidates for a reminder.</summary>
    public Task<List<Alert>> RemindableAsync(IReadOnlyCollection<long> ruleIds, CancellationToken cancellationToken) =>
        _db.Alerts.Where(a => a.State == AlertStates.Open && !a.Flapping && ruleIds.Contains(a.RuleId)).ToListAsync(cancellationToken);

    /// <summary>An agent's unresolved check alerts that are (or are not) held under its offline alert, tracked.</summary>
    public Task<List<Alert>> CheckAlertsOfAgentAsync(long agentId, bool suppressed, CancellationToken cancellationToken) =>
        _db.Alerts.Where(a => a.AgentId == agentId && a.CheckId != null && a.State != AlertStates.Resolved && a.Suppressed == suppressed)
            .ToListAsync(cancellationToken);

    /// <summary>For a restart: unresolved alerts, and resolved ones opened since <paramref name="openedSince"/> (for flapping), oldest first.</summary>
    public Task<List<Alert>> RecentAlertsAsync(long openedSince, CancellationToken cancellationToken) =>
        _db.Alerts.AsNoTracking().Where(a => a.State != AlertStates.Resolved || a.OpenedAt >= openedSince)
            .OrderBy(a => a.OpenedAt).ToListAsync(cancellationToken);

    public Task<List<Alert>> OpenAgentAlertsAsync(CancellationToken cancellationToken) =>
        _db.Alerts.AsNoTracking().Where(a => a.CheckId == null && a.AgentId != null && a.State != AlertStates.Resolved).ToListAsync(cancellationToken);

    /// <summary>A check's results since <paramref name="since"/>, the newest <paramref name="limit"/> of them, oldest first.</summary>
    public async Task<List<StoredResult>> RecentResultsAsync(long checkId, long since, int limit, CancellationToken cancellationToken)
    {
        var recent = await _db.Results.AsNoTracking()
            .Where(r => r.CheckId == checkId && r.StartedAt >= since)
            .OrderByDescending(r => r.StartedAt).Take(limit)
            .Select(r => new { r.Id, r.AgentId, r.StartedAt, r.Status, r.Verdict, r.Phases })
            .ToListAsync(cancellationToken);
        return [.. Enumerable.Reverse(recent).Select(r => new StoredResult(r.Id, checkId, r.AgentId, DateTimeOffset.FromUnixTimeMilliseconds(r.StartedAt),
            r.Status, r.Verdict, r.Phases is null ? null : System.Text.Json.JsonSerializer.Deserialize(r.Phases, LinkwatchJsonContext.Default.DictionaryStringDouble)))];
    }

    public void Add(Alert alert) => _db.Alerts.Add(alert);

    /// <summary>The pass's one write: every alert it opened or changed.</summary>
    public Task SaveAsync(CancellationToken cancellationToken) => _db.SaveChangesAsync(cancellationToken);

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
