using Linkwatch.Server.Alerts.Engine;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Alerts.Api;

/// <summary><c>/api/silences</c>: mute notifications by rule, check and/or agent until a time.</summary>
public static class SilencesApi
{
    /// <summary>Give <c>until</c> or <c>minutes</c>; at least one of ruleId, checkId, agent.</summary>
    public sealed record SilenceBody(long? RuleId, long? CheckId, string? Agent, DateTimeOffset? Until, int? Minutes, string? Reason);

    public sealed record SilenceDto(long Id, long? RuleId, long? CheckId, string? Agent, DateTimeOffset Until, string? Reason, bool Active, DateTimeOffset CreatedAt);

    /// <summary>Listed newest first: the silence just made is the one being looked for.</summary>
    public static readonly ResourceTable<Silence, SilenceDto> Table = new(
        "silence", db => db.Silences.OrderByDescending(s => s.Id), db => db.Silences, (s, now) => ToDto(s, now.ToUnixTimeMilliseconds()));

    /// <summary>The handlers that change it, for the API and the dashboard's forms alike.</summary>
    public static readonly ResourceChanges Handlers = new(CreateAsync, ReplaceAsync, DeleteAsync);

    public static IEndpointRouteBuilder MapSilencesApi(this IEndpointRouteBuilder app)
    {
        app.MapResource<SilenceBody, SilenceValidator, Silence, SilenceDto>("/api/silences", Table, Handlers);
        return app;
    }

    public static async Task<Created<SilenceDto>> CreateAsync(
        Valid<SilenceBody> body, LinkwatchDbContext db, LiveEvents live, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var silence = new Silence { CreatedAt = now.ToUnixTimeMilliseconds() };
        Apply(body.Value, silence, now);
        db.Silences.Add(silence);
        await db.SaveChangesAsync(cancellationToken);
        await AnnounceCoveredAsync(db, live, [silence], cancellationToken);
        return TypedResults.Created($"/api/silences/{silence.Id}", ToDto(silence, now.ToUnixTimeMilliseconds()));
    }

    /// <summary>Replaces the silence; alerts it covered before or covers now are announced, as both may look different.</summary>
    public static async Task<Results<Ok<SilenceDto>, ProblemHttpResult>> ReplaceAsync(
        long id, Valid<SilenceBody> body, LinkwatchDbContext db, LiveEvents live, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await ResourceReads.FindAsync(db.Silences, id, cancellationToken) is not { } silence)
            return NotFound(id);
        var before = new Silence { RuleId = silence.RuleId, CheckId = silence.CheckId, AgentName = silence.AgentName };
        var now = time.GetUtcNow();
        Apply(body.Value, silence, now);
        await db.SaveChangesAsync(cancellationToken);
        await AnnounceCoveredAsync(db, live, [before, silence], cancellationToken);
        return TypedResults.Ok(ToDto(silence, now.ToUnixTimeMilliseconds()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, LinkwatchDbContext db, CancellationToken cancellationToken) =>
        await Tracked.DeleteAsync(db, db.Silences, id, cancellationToken) ? TypedResults.NoContent() : NotFound(id);

    /// <summary>Open alerts a silence covers change how they are shown: their pages refresh now, not at the next result.</summary>
    private static async Task AnnounceCoveredAsync(LinkwatchDbContext db, LiveEvents live, Silence[] silences, CancellationToken cancellationToken)
    {
        var open = await db.Alerts.AsNoTracking().Where(a => a.State != AlertStates.Resolved)
            .Select(a => new { a.Id, a.RuleId, a.CheckId, a.AgentId, a.State }).ToListAsync(cancellationToken);
        if (open.Count == 0)
            return;
        var names = await db.Agents.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        foreach (var a in open)
        {
            var agent = a.AgentId is { } agentId ? names.GetValueOrDefault(agentId) : null;
            if (AlertEngine.IsSilenced(silences, a.RuleId, a.CheckId, agent))
                live.Publish(new AlertChanged(a.Id, a.CheckId, a.State));
        }
    }

    private static void Apply(SilenceBody b, Silence silence, DateTimeOffset now)
    {
        silence.RuleId = b.RuleId;
        silence.CheckId = b.CheckId;
        silence.AgentName = b.Agent;
        silence.Until = SilenceValidator.UntilOf(b, now)!.Value.ToUnixTimeMilliseconds();
        silence.Reason = b.Reason;
    }

    private static ProblemHttpResult NotFound(long id) => Problems.NotFound(Table.What, id);

    private static SilenceDto ToDto(Silence s, long now) =>
        new(s.Id, s.RuleId, s.CheckId, s.AgentName, Time.FromMs(s.Until), s.Reason, s.Until > now, Time.FromMs(s.CreatedAt));
}
