using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Accounts;

/// <summary><c>GET /api/audit?from=&amp;to=&amp;kind=&amp;actor=&amp;limit=</c>, admins only: who changed what, newest first.</summary>
public static class AuditApi
{
    public static readonly ListLimit Limits = new(100, 10_000);

    public sealed record AuditQuery(string? From, string? To, string? Kind, string? Actor, string? Limit);

    public sealed record AuditDto(long Id, DateTimeOffset At, string Actor, string Action, string Kind, string? ObjectId, string? ObjectName, string? Summary);

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", ListAsync).RequireAuthorization(Policies.Administer);
        return app;
    }

    public static async Task<Results<Ok<List<AuditDto>>, ValidationProblem>> ListAsync(
        [AsParameters] AuditQuery request, LinkwatchDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (from, to) = errors.TimeRange(request.From, request.To);
        var limit = Limits.Read(errors, request.Limit);
        if (errors.Count > 0)
            return errors.ToProblem();
        return TypedResults.Ok(await QueryAsync(db, from, to, request.Kind, request.Actor, limit, cancellationToken));
    }

    public static async Task<List<AuditDto>> QueryAsync(
        LinkwatchDbContext db, long? from, long? to, string? kind, string? actor, int limit, CancellationToken cancellationToken)
    {
        var rows = db.AuditLog.AsNoTracking();
        if (from is { } f)
            rows = rows.Where(e => e.At >= f);
        if (to is { } t)
            rows = rows.Where(e => e.At <= t);
        if (!string.IsNullOrEmpty(kind))
            rows = rows.Where(e => e.Kind == kind);
        if (!string.IsNullOrEmpty(actor))
            rows = rows.Where(e => e.Actor == actor);
        var list = await rows.OrderByDescending(e => e.Id).Take(limit).ToListAsync(cancellationToken);
        return list.Select(e => new AuditDto(e.Id, Time.FromMs(e.At), e.Actor, e.Action, e.Kind, e.ObjectId, e.ObjectName, e.Summary)).ToList();
    }
}
