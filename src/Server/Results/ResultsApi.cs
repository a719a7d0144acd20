using Linkwatch.Server.Platform.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Results;

/// <summary><c>GET /api/results</c>: raw results, newest first.</summary>
public static class ResultsApi
{
    /// <summary>100 unless asked; more than 100,000 is capped, not refused.</summary>
    public static readonly ListLimit Limits = new(100, 100_000);

    /// <summary>
    /// The query. Its values are strings, parsed by the handler, so that a bad number or time is a problem naming
    /// the parameter instead of the framework's bare 400.
    /// </summary>
    public sealed record ResultsQuery(string? CheckId, string? Agent, string? From, string? To, string? Limit);

    public sealed record ResultDto(
        Guid Id, long CheckId, string? Agent, DateTimeOffset StartedAt, DateTimeOffset ReceivedAt, string Status, string Verdict,
        string? Family, string? Address, RawJson? Phases, string? Error, string? Message, RawJson? Attempts, string? Peer);

    public static IEndpointRouteBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/results", QueryAsync).RequireAuthorization(Policies.View);
        return app;
    }

    public static async Task<Results<Ok<List<ResultDto>>, ValidationProblem>> QueryAsync(
        [AsParameters] ResultsQuery request, LinkwatchDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var checkId = errors.Integer("checkId", request.CheckId);
        var (from, to) = errors.TimeRange(request.From, request.To);
        var limit = Limits.Read(errors, request.Limit);
        if (errors.Count > 0)
            return errors.ToProblem();

        var agents = await db.Agents.AsNoTracking().Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var query = db.Results.AsNoTracking();
        if (checkId is { } c)
            query = query.Where(r => r.CheckId == c);
        if (request.Agent is { Length: > 0 } agentName)
        {
            // An unknown name matches nothing: not the server's own results (push checks), which have no agent (id 0).
            var agentId = agents.Where(a => a.Value == agentName).Select(a => (long?)a.Key).FirstOrDefault() ?? -1;
            query = query.Where(r => r.AgentId == agentId);
        }
        if (from is { } f)
            query = query.Where(r => r.StartedAt >= f);
        if (to is { } t)
            query = query.Where(r => r.StartedAt <= t);
        var rows = await query.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(limit).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => ToDto(r, agents.GetValueOrDefault(r.AgentId))).ToList());
    }

    /// <summary>A result row as the API shows it; <paramref name="agent"/> is the name of its agent.</summary>
    public static ResultDto ToDto(Result r, string? agent) => new(
        r.Id, r.CheckId, agent, Time.FromMs(r.StartedAt), Time.FromMs(r.ReceivedAt),
        r.Status, r.Verdict, r.Family, r.Address, RawJson.From(r.Phases), r.Error, r.Message, RawJson.From(r.Attempts), r.Peer);
}
