using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.History;

/// <summary><c>GET /api/checks/{id}/uptime</c> and <c>GET /api/checks/{id}/series</c>.</summary>
public static class HistoryApi
{
    /// <summary>Query values are strings so that a bad one is a 400 naming its parameter.</summary>
    public sealed record UptimeQuery(string? Window, string? Agent);

    public sealed record SeriesQuery(string? From, string? To, string? Step, string? Agent, string? Family);

    public sealed record UptimeDto(string Window, double? Uptime, long Up, long Degraded, long Down, long Total);

    public sealed record BucketDto(
        DateTimeOffset Start, int Count, int Up, int Degraded, int Down, double? Min, double? Avg, double? Max, double? P50, double? P95, double? P99);

    public sealed record SeriesDto(string? Agent, string? Family, List<BucketDto> Buckets);

    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/checks/{id:long}/uptime", UptimeAsync).RequireAuthorization(Policies.View);
        app.MapGet("/api/checks/{id:long}/series", SeriesAsync).RequireAuthorization(Policies.View);
        return app;
    }

    public static async Task<Results<Ok<UptimeDto>, ValidationProblem, ProblemHttpResult>> UptimeAsync(
        long id, [AsParameters] UptimeQuery request, LinkwatchDbContext db, HistoryQueries history, TimeProvider time, CancellationToken ct)
    {
        var window = string.IsNullOrEmpty(request.Window) ? "24h" : request.Window;
        if (!HistoryQueries.Windows.TryGetValue(window, out var length))
            return ValidationErrors.Of("window", "window must be one of " + string.Join(", ", HistoryQueries.Windows.Keys)).ToProblem();
        if (!await db.Checks.AsNoTracking().AnyAsync(c => c.Id == id, ct))
            return Problems.NotFound("check", id);
        long? agentId = null;
        if (request.Agent is { Length: > 0 } name)
            agentId = await db.Agents.AsNoTracking().Where(a => a.Name == name).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct) ?? -1;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var counts = await history.CountsAsync(id, agentId, now - (long)length.TotalMilliseconds, now + 1, ct);
        return TypedResults.Ok(new UptimeDto(window, counts.Uptime, counts.Up, counts.Degraded, counts.Down, counts.Total));
    }

    public static async Task<Results<JsonOk<List<SeriesDto>>, ValidationProblem, ProblemHttpResult>> SeriesAsync(
        long id, [AsParameters] SeriesQuery request, LinkwatchDbContext db, HistoryQueries history, TimeProvider time, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var (from, to) = errors.TimeRange(request.From, request.To);
        long? step = request.Step switch
        {
            null or "" => null,
            "raw" => 0,
            "1m" => Steps.Minute,
            "1h" => Steps.Hour,
            "1d" => Steps.Day,
            _ => -1,
        };
        if (step == -1)
            errors.Set("step", "step must be raw, 1m, 1h or 1d");
        if (request.Family is { Length: > 0 } f && f is not (Families.Ipv4 or Families.Ipv6 or Families.Both))
            errors.Set("family", "family must be ipv4, ipv6 or both");
        if (errors.Count > 0)
            return errors.ToProblem();
        var end = to ?? time.GetUtcNow().ToUnixTimeMilliseconds();
        var start = from ?? end - (long)TimeSpan.FromHours(24).TotalMilliseconds;
        if (start > end)
            return ValidationErrors.Of("from", "from must not be after to").ToProblem();
        if (!await db.Checks.AsNoTracking().AnyAsync(c => c.Id == id, ct))
            return Problems.NotFound("check", id);
        var names = await db.Agents.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        long? agentId = null;
        if (request.Agent is { Length: > 0 } agentName)
            agentId = names.FirstOrDefault(a => a.Value == agentName) is { Value: not null } found ? found.Key : -1;
        var family = request.Family is { Length: > 0 } fam ? fam : null;
        var chosen = step ?? HistoryQueries.DefaultStep(start, end);
        if (chosen == 0)
        {
            if (await history.RawCountAsync(id, start, end, agentId, family, HistoryQueries.MaxBuckets, ct) > HistoryQueries.MaxBuckets)
                return ValidationErrors.Of("step", $"more than {HistoryQueries.MaxBuckets} results in the range; ask for a coarser step or a shorter range").ToProblem();
        }
        else if ((end - Steps.Floor(start, chosen)) / chosen + 1 > HistoryQueries.MaxBuckets)
            return ValidationErrors.Of("step", $"more than {HistoryQueries.MaxBuckets} buckets in the range; ask for a coarser step or a shorter range").ToProblem();
        var series = await history.SeriesAsync(id, start, end, chosen, agentId, family, ct);
        return new JsonOk<List<SeriesDto>>(series.Select(s => new SeriesDto(names.GetValueOrDefault(s.AgentId), s.Family,
            s.Buckets.Select(b => new BucketDto(Time.FromMs(b.Start), b.Count, b.Up, b.Degraded, b.Down, b.Min, b.Avg, b.Max, b.P50, b.P95, b.P99)).ToList())).ToList());
    }
}
