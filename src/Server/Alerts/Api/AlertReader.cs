namespace Linkwatch.Server.Alerts.Api;

/// <summary>Reads alerts with their names resolved; shared by the API and the dashboard pages.</summary>
public static class AlertReader
{
    public const int DefaultLimit = 200;

    /// <summary><paramref name="state"/>: null for all, "open" (open and acknowledged), "acknowledged" or "resolved".</summary>
    public static async Task<List<AlertDto>> ListAsync(LinkwatchDbContext db, string? state, long? checkId, int limit, CancellationToken cancellationToken)
    {
        var query = db.Alerts.AsNoTracking();
        query = state switch
        {
            AlertStates.Open => query.Where(a => a.State != AlertStates.Resolved),
            null => query,
            _ => query.Where(a => a.State == state),
        };
        if (checkId is { } c)
            query = query.Where(a => a.CheckId == c);
        var rows = await query.OrderByDescending(a => a.OpenedAt).ThenByDescending(a => a.Id).Take(limit).ToListAsync(cancellationToken);
        return await ToDtosAsync(db, rows, cancellationToken);
    }

    public static async Task<AlertDto?> GetAsync(LinkwatchDbContext db, long id, CancellationToken cancellationToken)
    {
        var row = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return row is null ? null : (await ToDtosAsync(db, [row], cancellationToken))[0];
    }

    public static async Task<List<AlertDto>> ToDtosAsync(LinkwatchDbContext db, List<Alert> rows, CancellationToken cancellationToken)
    {
        var ruleIds = rows.Select(a => a.RuleId).Distinct().ToList();
        var checkIds = rows.Where(a => a.CheckId is not null).Select(a => a.CheckId!.Value).Distinct().ToList();
        var agentIds = rows.Where(a => a.AgentId is not null).Select(a => a.AgentId!.Value).Distinct().ToList();
        var rules = await db.AlertRules.AsNoTracking().Where(r => ruleIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        var checks = await db.Checks.AsNoTracking().Where(c => checkIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var agents = await db.Agents.AsNoTracking().Where(a => agentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        return rows.Select(a => new AlertDto(
            a.Id, a.RuleId, rules.GetValueOrDefault(a.RuleId), a.CheckId, a.CheckId is { } check ? checks.GetValueOrDefault(check) : null,
            // A push check's results (and so its alerts) come from the server itself, not an agent.
            a.AgentId == Results.Ingest.IngestQueue.ServerAgentId ? null : a.AgentId,
            a.AgentId is { } agent ? agents.GetValueOrDefault(agent) : null, a.State, Time.FromMs(a.OpenedAt), Time.FromMs(a.ResolvedAt),
            Time.FromMs(a.AcknowledgedAt), Time.FromMs(a.LastNotifiedAt), a.Verdict, a.Status, a.FirstFailingResultId,
            Time.FromMs(a.FirstFailingAt), a.Flapping, a.Suppressed)).ToList();
    }
}
