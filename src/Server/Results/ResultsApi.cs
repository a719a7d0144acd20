using System.Globalization;
using Linkwatch.Server.Platform.Auth;
using Linkwatch.Server.Platform.Http;
using Linkwatch.Server.Platform.Json;
using Linkwatch.Server.Platform.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Results;

/// <summary><c>GET /api/results</c>: raw results, newest first.</summary>
public static class ResultsApi
{
    public const int DefaultLimit = 100;
    /// <summary>Larger requests are capped, not refused.</summary>
    public const int MaxLimit = 100_000;

    public sealed record ResultDto(
        Guid Id, long CheckId, string? Agent, DateTimeOffset StartedAt, DateTimeOffset ReceivedAt, string Status, string Verdict,
        string? Family, string? Address, RawJson? Phases, string? Error, string? Message, RawJson? Attempts, string? Peer);

    public static IEndpointRouteBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/results", QueryAsync).RequireAuthorization(AuthPolicies.Api);
        return app;
    }

    public static async Task<Results<Ok<List<ResultDto>>, ValidationProblem>> QueryAsync(HttpRequest request, LinkwatchDbContext db)
    {
        var errors = new Dictionary<string, string[]>();
        var checkId = ParseLong(request, "checkId", errors);
        var from = ParseTime(request, "from", errors);
        var to = ParseTime(request, "to", errors);
        var limit = (int)Math.Min(ParseLong(request, "limit", errors) ?? DefaultLimit, MaxLimit);
        if (limit < 1 && !errors.ContainsKey("limit"))
            errors["limit"] = ["limit must be at least 1"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var ct = request.HttpContext.RequestAborted;
        var agents = await db.Agents.AsNoTracking().Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var query = db.Results.AsNoTracking();
        if (checkId is { } c)
            query = query.Where(r => r.CheckId == c);
        if (request.Query["agent"].ToString() is { Length: > 0 } agentName)
        {
            var agentId = agents.FirstOrDefault(a => a.Value == agentName).Key;
            query = query.Where(r => r.AgentId == agentId);
        }
        if (from is { } f)
            query = query.Where(r => r.StartedAt >= f);
        if (to is { } t)
            query = query.Where(r => r.StartedAt <= t);
        var rows = await query.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(limit).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => new ResultDto(
            r.Id, r.CheckId, agents.GetValueOrDefault(r.AgentId), Time.FromMs(r.StartedAt), Time.FromMs(r.ReceivedAt),
            r.Status, r.Verdict, r.Family, r.Address, RawJson.From(r.Phases), r.Error, r.Message, RawJson.From(r.Attempts), r.Peer)).ToList());
    }

    internal static long? ParseLong(HttpRequest request, string name, Dictionary<string, string[]> errors)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
            return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        errors[name] = [$"{name} must be an integer"];
        return null;
    }

    /// <summary>An ISO-8601 time (a missing offset means UTC) as unix milliseconds.</summary>
    internal static long? ParseTime(HttpRequest request, string name, Dictionary<string, string[]> errors)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
            return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            return value.ToUnixTimeMilliseconds();
        errors[name] = [$"{name} must be an ISO-8601 time such as 2026-11-22T10:11:12.345Z"];
        return null;
    }
}
