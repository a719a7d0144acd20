using Linkwatch.Server.Alerts.Engine;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Alerts.Api;

/// <summary><c>/api/alert-rules</c>: when results open and resolve alerts, and whom to tell.</summary>
public static class AlertRulesApi
{
    /// <summary>Request body of POST and PUT; see <see cref="RuleValidator"/>.</summary>
    public sealed record RuleBody(
        string? Name, long? CheckId, Dictionary<string, string>? Labels, int? OpenAfterFailures, int? ResolveAfterSuccesses,
        int? Quorum, List<string>? Verdicts, List<string>? Channels, int? ReminderMinutes, string? LatencyPhase,
        double? LatencyThresholdMs, bool? Enabled, bool? AgentOffline = null, List<string>? Agents = null, int? OfflineAfterSeconds = null);

    public sealed record RuleDto(
        long Id, string Name, long? CheckId, Dictionary<string, string> Labels, int OpenAfterFailures, int ResolveAfterSuccesses,
        int Quorum, IReadOnlyList<string> Verdicts, IReadOnlyList<string> Channels, int ReminderMinutes, string? LatencyPhase,
        double? LatencyThresholdMs, bool Enabled, DateTimeOffset CreatedAt, bool AgentOffline, IReadOnlyList<string> Agents, int OfflineAfterSeconds);

    public static readonly ResourceTable<AlertRule, RuleDto> Table = new(
        "alert rule", db => db.AlertRules.OrderBy(r => r.Id), db => db.AlertRules, (r, _) => ToDto(r));

    /// <summary>The handlers that change it, for the API and the dashboard's forms alike.</summary>
    public static readonly ResourceChanges Handlers = new(CreateAsync, ReplaceAsync, DeleteAsync);

    public static IEndpointRouteBuilder MapAlertRulesApi(this IEndpointRouteBuilder app)
    {
        app.MapResource<RuleBody, RuleValidator, AlertRule, RuleDto>("/api/alert-rules", Table, Handlers);
        return app;
    }

    public static async Task<Created<RuleDto>> CreateAsync(
        Valid<RuleBody> body, LinkwatchDbContext db, TimeProvider time, IAlertRuleCache rules, CancellationToken cancellationToken)
    {
        var rule = new AlertRule { Name = "", CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds() };
        Apply(body.Value, rule);
        db.AlertRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        // Before the answer: results sent right after it must already meet the new rule.
        rules.Invalidate();
        return TypedResults.Created($"/api/alert-rules/{rule.Id}", ToDto(rule));
    }

    /// <summary>
    /// Replaces the whole rule (fields left out take their defaults, as on create). Its open alerts stay unless it
    /// now watches something else (another kind, check, labels or agents): those could never resolve, so they
    /// close quietly, as on delete.
    /// </summary>
    public static async Task<Results<Ok<RuleDto>, ProblemHttpResult>> ReplaceAsync(
        long id, Valid<RuleBody> body, LinkwatchDbContext db, LiveEvents live, TimeProvider time, IAlertRuleCache rules, CancellationToken cancellationToken)
    {
        if (await ResourceReads.FindAsync(db.AlertRules, id, cancellationToken) is not { } rule)
            return NotFound(id);
        var watched = WatchedBy(rule);
        Apply(body.Value, rule);
        var closed = WatchedBy(rule) == watched ? [] : await CloseOpenAlertsAsync(db, id, time, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        rules.Invalidate();
        Announce(live, closed);
        return TypedResults.Ok(ToDto(rule));
    }

    /// <summary>Deletes the rule and closes its open alerts (quietly: the rule that would announce them is gone).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, LinkwatchDbContext db, LiveEvents live, TimeProvider time, IAlertRuleCache rules, CancellationToken cancellationToken)
    {
        var rule = await db.AlertRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
            return NotFound(id);
        var closed = await CloseOpenAlertsAsync(db, id, time, cancellationToken);
        db.AlertRules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        rules.Invalidate();
        Announce(live, closed);
        return TypedResults.NoContent();
    }

    /// <summary>Resolves the rule's open alerts in the change tracker; the caller saves them with its own change.</summary>
    internal static async Task<List<Alert>> CloseOpenAlertsAsync(LinkwatchDbContext db, long ruleId, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var open = await db.Alerts.Where(a => a.RuleId == ruleId && a.State != AlertStates.Resolved).ToListAsync(cancellationToken);
        foreach (var a in open)
        {
            a.State = AlertStates.Resolved;
            a.ResolvedAt = now;
        }
        return open;
    }

    internal static void Announce(LiveEvents live, List<Alert> changed)
    {
        foreach (var a in changed)
            live.Publish(new AlertChanged(a.Id, a.CheckId, a.State));
    }

    internal static (bool, long?, string, string) WatchedBy(AlertRule r) => (r.AgentOffline, r.CheckId, r.Labels, r.Agents);

    /// <summary>
    /// One mapping for both kinds: the validator has refused a check rule's fields on an agent-offline rule and the
    /// reverse, so the fields a kind does not use come out as their defaults.
    /// </summary>
    internal static void Apply(RuleBody b, AlertRule rule)
    {
        rule.Name = b.Name!.Trim();
        rule.AgentOffline = b.AgentOffline == true;
        rule.CheckId = b.CheckId;
        rule.Labels = StoredJson.WriteLabels(b.CheckId is null ? b.Labels : null);
        rule.Agents = StoredJson.WriteList(b.Agents?.Distinct(StringComparer.Ordinal));
        rule.OfflineAfterSeconds = b.OfflineAfterSeconds ?? AlertDefaults.OfflineAfterSeconds;
        rule.OpenAfterFailures = b.OpenAfterFailures ?? AlertDefaults.OpenAfterFailures;
        rule.ResolveAfterSuccesses = b.ResolveAfterSuccesses ?? AlertDefaults.ResolveAfterSuccesses;
        rule.Quorum = b.Quorum ?? 1;
        rule.Verdicts = StoredJson.WriteList(b.Verdicts?.Distinct(StringComparer.Ordinal));
        rule.Channels = StoredJson.WriteList(b.Channels!.Distinct(StringComparer.Ordinal));
        rule.ReminderMinutes = b.ReminderMinutes ?? AlertDefaults.ReminderMinutes;
        rule.LatencyPhase = b.LatencyPhase;
        rule.LatencyThresholdMs = b.LatencyThresholdMs;
        rule.Enabled = b.Enabled ?? true;
    }

    private static ProblemHttpResult NotFound(long id) => Problems.NotFound(Table.What, id);

    public static RuleDto ToDto(AlertRule r) => new(
        r.Id, r.Name, r.CheckId, StoredJson.ReadLabels(r.Labels), r.OpenAfterFailures, r.ResolveAfterSuccesses, r.Quorum,
        StoredJson.ReadList(r.Verdicts), StoredJson.ReadList(r.Channels), r.ReminderMinutes, r.LatencyPhase, r.LatencyThresholdMs,
        r.Enabled, Time.FromMs(r.CreatedAt), r.AgentOffline, StoredJson.ReadList(r.Agents), r.OfflineAfterSeconds);
}
