using Linkwatch.Server.Alerts.Api;
using Linkwatch.Server.Platform.Health;
using Linkwatch.Server.Platform.Store.Migrations;

namespace Linkwatch.Server.Dashboard;

/// <summary>Reads for the alert pages; scoped like <see cref="DashboardQueries"/>.</summary>
public sealed class AlertQueries(LinkwatchDbContext db, Readiness readiness)
{
    /// <summary>How much of the time before the first failure the timeline shows, for the "before" picture.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromMinutes(1);
    public const int TimelineLimit = 500;
    private static readonly TimeSpan ReadyWait = TimeSpan.FromSeconds(30);

    public async Task<List<AlertDto>> LoadListAsync(CancellationToken cancellationToken)
    {
        await readiness.WhenReady.WaitAsync(ReadyWait, cancellationToken);
        return await AlertReader.ListAsync(db, null, null, AlertReader.DefaultLimit, cancellationToken);
    }

    public async Task<AlertDetail?> LoadDetailAsync(long id, CancellationToken cancellationToken)
    {
        await readiness.WhenReady.WaitAsync(ReadyWait, cancellationToken);
        var alert = await AlertReader.GetAsync(db, id, cancellationToken);
        if (alert is null)
            return null;
        var from = (alert.FirstFailingAt ?? alert.OpenedAt) - Lead;
        var to = (alert.ResolvedAt ?? DateTimeOffset.UtcNow) + Lead;
        var fromMs = from.ToUnixTimeMilliseconds();
        var toMs = to.ToUnixTimeMilliseconds();
        // A check alert shows its check's results; an agent-offline alert (no check) the agent's results of every check.
        var query = db.Results.AsNoTracking().Where(r => r.StartedAt >= fromMs && r.StartedAt <= toMs);
        if (alert.CheckId is { } checkId)
            query = query.Where(r => r.CheckId == checkId);
        if (alert.AgentId is { } agentId)
            query = query.Where(r => r.AgentId == agentId);
        var names = await db.Agents.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var rows = await query.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(TimelineLimit)
            .Select(r => new { r.StartedAt, r.AgentId, r.Family, r.Status, r.Verdict, r.Phases, r.Error, r.Message })
            .ToListAsync(cancellationToken);
        var timeline = rows.Select(r => new ResultView(
            DateTimeOffset.FromUnixTimeMilliseconds(r.StartedAt), names.GetValueOrDefault(r.AgentId, "?"), r.Family, r.Status, r.Verdict,
            History.Latency.Of(r.Phases), r.Error ?? r.Message)).ToList();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var silences = (await db.Silences.AsNoTracking().Where(s => s.Until > now).OrderBy(s => s.Until).ToListAsync(cancellationToken))
            .Where(s => Alerts.Engine.AlertEngine.IsSilenced([s], alert.RuleId, alert.CheckId, alert.Agent)).ToList();
        return new AlertDetail(alert, timeline, from, to, silences);
    }
}
