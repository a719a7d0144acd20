using Linkwatch.Server.Platform.Auth;
using Linkwatch.Server.Platform.Http;
using Linkwatch.Server.Platform.Live;
using Linkwatch.Server.Platform.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Alerts.Api;

/// <summary><c>/api/alert-rules</c>: when results open and resolve alerts, and whom to tell.</summary>
public static class AlertRulesApi
{
    public sealed record RuleBody(
        string? Name, long? CheckId, Dictionary<string, string>? Labels, int? OpenAfterFailures, int? ResolveAfterSuccesses,
        int? Quorum, List<string>? Verdicts, List<string>? Channels, int? ReminderMinutes, string? LatencyPhase,
        double? LatencyThresholdMs, bool? Enabled, bool? AgentOffline = null, List<string>? Agents = null, int? OfflineAfterSeconds = null);

    public sealed record RuleDto(
        long Id, string Name, long? CheckId, Dictionary<string, string> Labels, int OpenAfterFailures, int ResolveAfterSuccesses,
        int Quorum, IReadOnlyList<string> Verdicts, IReadOnlyList<string> Channels, int ReminderMinutes, string? LatencyPhase,
        double? LatencyThresholdMs, bool Enabled, DateTimeOffset CreatedAt, bool AgentOffline, IReadOnlyList<string> Agents, int OfflineAfterSeconds);

    private const int MaxThreshold = 10_000;

    public static IEndpointRouteBuilder MapAlertRulesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/alert-rules").RequireAuthorization(AuthPolicies.Api);
        api.MapPost("/", CreateAsync);
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:long}", GetAsync);
        api.MapDelete("/{id:long}", DeleteAsync);
        return app;
    }

    public static async Task<Results<Created<RuleDto>, ValidationProblem>> CreateAsync(HttpContext context, LinkwatchDbContext db, TimeProvider time)
    {
        var (body, errors) = await JsonBody.ReadAsync<RuleBody>(context);
        if (errors is not null)
            return TypedResults.ValidationProblem(errors);
        errors = await ValidateAsync(body!, db, context.RequestAborted);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var b = body!;
        if (b.AgentOffline == true)
            return await CreateAgentRuleAsync(context, db, time, b);
        var rule = new AlertRule
        {
            Name = b.Name!.Trim(),
            CheckId = b.CheckId,
            Labels = StoredJson.WriteLabels(b.CheckId is null ? b.Labels : null),
            OpenAfterFailures = b.OpenAfterFailures ?? AlertDefaults.OpenAfterFailures,
            ResolveAfterSuccesses = b.ResolveAfterSuccesses ?? AlertDefaults.ResolveAfterSuccesses,
            Quorum = b.Quorum ?? 1,
            Verdicts = StoredJson.WriteList(b.Verdicts?.Distinct(StringComparer.Ordinal)),
            Channels = StoredJson.WriteList(b.Channels!.Distinct(StringComparer.Ordinal)),
            ReminderMinutes = b.ReminderMinutes ?? AlertDefaults.ReminderMinutes,
            LatencyPhase = b.LatencyPhase,
            LatencyThresholdMs = b.LatencyThresholdMs,
            Enabled = b.Enabled ?? true,
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        db.AlertRules.Add(rule);
        await db.SaveChangesAsync(context.RequestAborted);
        context.RequestServices.GetRequiredService<Engine.IAlertRuleCache>().Invalidate();
        return TypedResults.Created($"/api/alert-rules/{rule.Id}", ToDto(rule));
    }

    private static async Task<Created<RuleDto>> CreateAgentRuleAsync(HttpContext context, LinkwatchDbContext db, TimeProvider time, RuleBody b)
    {
        var rule = new AlertRule
        {
            Name = b.Name!.Trim(),
            AgentOffline = true,
            Agents = StoredJson.WriteList(b.Agents?.Distinct(StringComparer.Ordinal)),
            Labels = StoredJson.WriteLabels(b.Labels),
            OfflineAfterSeconds = b.OfflineAfterSeconds ?? AlertDefaults.OfflineAfterSeconds,
            Channels = StoredJson.WriteList(b.Channels!.Distinct(StringComparer.Ordinal)),
            ReminderMinutes = b.ReminderMinutes ?? AlertDefaults.ReminderMinutes,
            Enabled = b.Enabled ?? true,
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        db.AlertRules.Add(rule);
        await db.SaveChangesAsync(context.RequestAborted);
        context.RequestServices.GetRequiredService<Engine.IAlertRuleCache>().Invalidate();
        return TypedResults.Created($"/api/alert-rules/{rule.Id}", ToDto(rule));
    }

    public static async Task<Dictionary<string, string[]>> ValidateAsync(RuleBody b, LinkwatchDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(b.Name))
            errors["name"] = ["name is required"];
        if (b.AgentOffline == true)
            ValidateAgentRule(b, errors);
        else
            await ValidateCheckRuleAsync(b, db, errors, cancellationToken);
        Range(errors, "reminderMinutes", b.ReminderMinutes, 0, 7 * 24 * 60);
        if (b.Labels?.Keys.Any(string.IsNullOrWhiteSpace) == true)
            errors["labels"] = ["label names must not be empty"];
        if (b.Channels is not { Count: > 0 })
            errors["channels"] = ["channels is required: at least one channel name"];
        else
        {
            var names = b.Channels.ToList();
            var known = await db.Channels.Where(c => names.Contains(c.Name)).Select(c => c.Name).ToListAsync(cancellationToken);
            var missing = names.Except(known).ToList();
            if (missing.Count > 0)
                errors["channels"] = [$"no channel named {string.Join(", ", missing.Select(m => $"'{m}'"))}"];
        }
        return errors;
    }

    /// <summary>
    /// An agent-offline rule watches agents (named, by labels, or all) and takes none of a check rule's fields.
    /// Agents are named, not looked up: a rule may name an agent before it enrolls.
    /// </summary>
    private static void ValidateAgentRule(RuleBody b, Dictionary<string, string[]> errors)
    {
        const string NotForAgents = "is not used by agentOffline rules (they watch agents, not check results)";
        if (b.CheckId is not null)
            errors["checkId"] = [$"checkId {NotForAgents}"];
        if (b.Verdicts is { Count: > 0 })
            errors["verdicts"] = [$"verdicts {NotForAgents}"];
        if (b.Quorum is not null)
            errors["quorum"] = [$"quorum {NotForAgents}"];
        if (b.OpenAfterFailures is not null)
            errors["openAfterFailures"] = [$"openAfterFailures {NotForAgents}; use offlineAfterSeconds"];
        if (b.ResolveAfterSuccesses is not null)
            errors["resolveAfterSuccesses"] = [$"resolveAfterSuccesses {NotForAgents}"];
        if (b.LatencyPhase is not null || b.LatencyThresholdMs is not null)
            errors[b.LatencyPhase is not null ? "latencyPhase" : "latencyThresholdMs"] = [$"latency thresholds {NotForAgents}"];
        if (b.Agents?.Any(string.IsNullOrWhiteSpace) == true)
            errors["agents"] = ["agent names must not be empty"];
        else if (b.Agents is { Count: > 0 } && b.Labels is { Count: > 0 })
            errors["labels"] = ["give agents or labels, not both"];
        if (b.OfflineAfterSeconds is { } after && (after < AlertDefaults.MinOfflineAfterSeconds || after > 7 * 24 * 3600))
            errors["offlineAfterSeconds"] = [$"offlineAfterSeconds must be between {AlertDefaults.MinOfflineAfterSeconds} and {7 * 24 * 3600}"];
    }

    private static async Task ValidateCheckRuleAsync(RuleBody b, LinkwatchDbContext db, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (b.Agents is not null)
            errors["agents"] = ["agents is only for agentOffline rules"];
        if (b.OfflineAfterSeconds is not null)
            errors["offlineAfterSeconds"] = ["offlineAfterSeconds is only for agentOffline rules"];
        var hasLabels = b.Labels is { Count: > 0 };
        if (b.CheckId is null && !hasLabels)
            errors["checkId"] = ["checkId or labels is required"];
        else if (b.CheckId is not null && hasLabels)
            errors["labels"] = ["give checkId or labels, not both"];
        else if (b.CheckId is { } checkId && !await db.Checks.AnyAsync(c => c.Id == checkId, cancellationToken))
            errors["checkId"] = [$"no check with id {checkId}"];
        Range(errors, "openAfterFailures", b.OpenAfterFailures, 1, MaxThreshold);
        Range(errors, "resolveAfterSuccesses", b.ResolveAfterSuccesses, 1, MaxThreshold);
        Range(errors, "quorum", b.Quorum, 1, 1000);
        if (b.Verdicts?.Any(string.IsNullOrWhiteSpace) == true)
            errors["verdicts"] = ["verdicts must not be empty strings"];
        if ((b.LatencyPhase is null) != (b.LatencyThresholdMs is null))
            errors[b.LatencyPhase is null ? "latencyPhase" : "latencyThresholdMs"] = ["latencyPhase and latencyThresholdMs go together"];
        else if (b.LatencyThresholdMs is <= 0)
            errors["latencyThresholdMs"] = ["latencyThresholdMs must be positive"];
    }

    private static void Range(Dictionary<string, string[]> errors, string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
            errors[field] = [$"{field} must be between {min} and {max}"];
    }

    public static async Task<Ok<List<RuleDto>>> ListAsync(LinkwatchDbContext db, CancellationToken cancellationToken)
    {
        var rules = await db.AlertRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(rules.Select(ToDto).ToList());
    }

    public static async Task<Results<Ok<RuleDto>, ProblemHttpResult>> GetAsync(long id, LinkwatchDbContext db, CancellationToken cancellationToken)
    {
        var rule = await db.AlertRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return rule is null ? NotFound(id) : TypedResults.Ok(ToDto(rule));
    }

    /// <summary>Deletes the rule and closes its open alerts (quietly: the rule that would announce them is gone).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, LinkwatchDbContext db, LiveEvents live, TimeProvider time, Engine.IAlertRuleCache rules, CancellationToken cancellationToken)
    {
        var rule = await db.AlertRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
            return NotFound(id);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var open = await db.Alerts.Where(a => a.RuleId == id && a.State != AlertStates.Resolved).ToListAsync(cancellationToken);
        foreach (var a in open)
        {
            a.State = AlertStates.Resolved;
            a.ResolvedAt = now;
        }
        db.AlertRules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        rules.Invalidate();
        foreach (var a in open)
            live.Publish(new AlertChanged(a.Id, a.CheckId, a.State));
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no alert rule with id {id}");

    public static RuleDto ToDto(AlertRule r) => new(
        r.Id, r.Name, r.CheckId, StoredJson.ReadLabels(r.Labels), r.OpenAfterFailures, r.ResolveAfterSuccesses, r.Quorum,
        StoredJson.ReadList(r.Verdicts), StoredJson.ReadList(r.Channels), r.ReminderMinutes, r.LatencyPhase, r.LatencyThresholdMs,
        r.Enabled, Time.FromMs(r.CreatedAt), r.AgentOffline, StoredJson.ReadList(r.Agents), r.OfflineAfterSeconds);
}
