using Linkwatch.Server.Alerts.Engine;
using Linkwatch.Server.Platform.Auth;
using Linkwatch.Server.Platform.Http;
using Linkwatch.Server.Platform.Live;
using Linkwatch.Server.Platform.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Alerts.Api;

/// <summary><c>/api/silences</c>: mute notifications by rule, check and/or agent until a time.</summary>
public static class SilencesApi
{
    /// <summary>Give <c>until</c> or <c>minutes</c>; at least one of ruleId, checkId, agent.</summary>
    public sealed record SilenceBody(long? RuleId, long? CheckId, string? Agent, DateTimeOffset? Until, int? Minutes, string? Reason);

    public sealed record SilenceDto(long Id, long? RuleId, long? CheckId, string? Agent, DateTimeOffset Until, string? Reason, bool Active, DateTimeOffset CreatedAt);

    public static IEndpointRouteBuilder MapSilencesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/silences").RequireAuthorization(AuthPolicies.Api);
        api.MapPost("/", CreateAsync);
        api.MapGet("/", ListAsync);
        api.MapDelete("/{id:long}", DeleteAsync);
        return app;
    }

    public static async Task<Results<Created<SilenceDto>, ValidationProblem>> CreateAsync(
        HttpContext context, LinkwatchDbContext db, LiveEvents live, TimeProvider time)
    {
        var (body, errors) = await JsonBody.ReadAsync<SilenceBody>(context);
        if (errors is not null)
            return TypedResults.ValidationProblem(errors);
        errors = [];
        var b = body!;
        var now = time.GetUtcNow();
        if (b.RuleId is null && b.CheckId is null && b.Agent is null)
            errors["ruleId"] = ["at least one of ruleId, checkId or agent is required (a silence of everything is too easy to forget)"];
        if (b.Agent is not null && !Names.IsValidAgentName(b.Agent))
            errors["agent"] = [$"agent name is invalid: {Names.Rule}"];
        DateTimeOffset? until = b.Until ?? (b.Minutes is { } m ? now.AddMinutes(m) : null);
        if (b.Until is not null && b.Minutes is not null)
            errors["minutes"] = ["give until or minutes, not both"];
        else if (until is null)
            errors["until"] = ["until (an ISO-8601 time) or minutes is required"];
        else if (until <= now)
            errors[b.Until is null ? "minutes" : "until"] = ["the silence must end in the future"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var silence = new Silence
        {
            RuleId = b.RuleId,
            CheckId = b.CheckId,
            AgentName = b.Agent,
            Until = until!.Value.ToUnixTimeMilliseconds(),
            Reason = b.Reason,
            CreatedAt = now.ToUnixTimeMilliseconds(),
        };
        db.Silences.Add(silence);
        await db.SaveChangesAsync(context.RequestAborted);
        await AnnounceCoveredAsync(db, live, silence, context.RequestAborted);
        return TypedResults.Created($"/api/silences/{silence.Id}", ToDto(silence, now.ToUnixTimeMilliseconds()));
    }

    public static async Task<Ok<List<SilenceDto>>> ListAsync(LinkwatchDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = await db.Silences.AsNoTracking().OrderByDescending(s => s.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(s => ToDto(s, now)).ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, LinkwatchDbContext db, CancellationToken cancellationToken) =>
        await db.Silences.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken) == 0
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no silence with id {id}")
            : TypedResults.NoContent();

    /// <summary>Open alerts the silence covers change how they are shown: their pages refresh now, not at the next result.</summary>
    private static async Task AnnounceCoveredAsync(LinkwatchDbContext db, LiveEvents live, Silence silence, CancellationToken cancellationToken)
    {
        var open = await db.Alerts.AsNoTracking().Where(a => a.State != AlertStates.Resolved)
            .Where(a => silence.RuleId == null || a.RuleId == silence.RuleId)
            .Where(a => silence.CheckId == null || a.CheckId == silence.CheckId)
            .Select(a => new { a.Id, a.RuleId, a.CheckId, a.AgentId, a.State }).ToListAsync(cancellationToken);
        if (open.Count == 0)
            return;
        var names = await db.Agents.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        foreach (var a in open)
        {
            var agent = a.AgentId is { } id ? names.GetValueOrDefault(id) : null;
            if (AlertEngine.IsSilenced([silence], a.RuleId, a.CheckId, agent))
                live.Publish(new AlertChanged(a.Id, a.CheckId, a.State));
        }
    }

    private static SilenceDto ToDto(Silence s, long now) =>
        new(s.Id, s.RuleId, s.CheckId, s.AgentName, Time.FromMs(s.Until), s.Reason, s.Until > now, Time.FromMs(s.CreatedAt));
}
