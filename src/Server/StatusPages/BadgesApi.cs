using System.Globalization;
using System.Net;
using Linkwatch.Server.History;

namespace Linkwatch.Server.StatusPages;

/// <summary>
/// <c>/badge/{checkId}/status.svg</c>, <c>uptime.svg?window=</c> and <c>latency.svg</c>: shields-style SVG, anonymous,
/// only for a check on a public status page or with <c>"badges": true</c>; any other id is 404 (so ids are not probed).
/// </summary>
public static class BadgesApi
{
    public static IEndpointRouteBuilder MapBadges(this IEndpointRouteBuilder app)
    {
        var badges = app.MapGroup("/badge/{checkId:long}").AllowAnonymous()
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["image/svg+xml"]));
        badges.MapGet("/status.svg", StatusAsync);
        badges.MapGet("/uptime.svg", UptimeAsync);
        badges.MapGet("/latency.svg", LatencyAsync);
        return app;
    }

    public static async Task<IResult> StatusAsync(long checkId, LinkwatchDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await ShownAsync(db, checkId, ct))
            return TypedResults.NotFound();
        var status = await StatusPageCache.PublicStatusAsync(db, checkId, time.GetUtcNow().ToUnixTimeMilliseconds(), ct);
        return Svg("status", status.Overall, Color(status.Overall));
    }

    public static async Task<IResult> UptimeAsync(long checkId, string? window, LinkwatchDbContext db, HistoryQueries history, TimeProvider time, CancellationToken ct)
    {
        window = string.IsNullOrEmpty(window) ? "24h" : window;
        if (!HistoryQueries.Windows.TryGetValue(window, out var length))
            return ValidationErrors.Of("window", "window must be one of " + string.Join(", ", HistoryQueries.Windows.Keys)).ToProblem();
        if (!await ShownAsync(db, checkId, ct))
            return TypedResults.NotFound();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var uptime = (await history.CountsAsync(checkId, null, now - (long)length.TotalMilliseconds, now + 1, ct)).Uptime;
        var text = uptime is { } u ? (Math.Floor(u * 10000) / 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "no data";
        var color = uptime switch { null => "#9f9f9f", >= 0.999 => "#4c1", >= 0.99 => "#97ca00", >= 0.95 => "#dfb317", _ => "#e05d44" };
        return Svg("uptime " + window, text, color);
    }

    public static async Task<IResult> LatencyAsync(long checkId, LinkwatchDbContext db, CancellationToken ct)
    {
        if (!await ShownAsync(db, checkId, ct))
            return TypedResults.NotFound();
        var phases = await db.Results.AsNoTracking().Where(r => r.CheckId == checkId && r.Status != Statuses.Down)
            .OrderByDescending(r => r.StartedAt).Select(r => r.Phases).FirstOrDefaultAsync(ct);
        var ms = Latency.Of(phases);
        return Svg("latency", ms is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " ms" : "no data", ms is null ? "#9f9f9f" : "#007ec6");
    }

    /// <summary>Whether the check's badges answer: badges on, or the check on a public status page.</summary>
    public static async Task<bool> ShownAsync(LinkwatchDbContext db, long checkId, CancellationToken ct)
    {
        var check = await db.Checks.AsNoTracking().Where(c => c.Id == checkId).Select(c => new { c.Badges }).FirstOrDefaultAsync(ct);
        if (check is null)
            return false;
        if (check.Badges)
            return true;
        var groups = await db.StatusPages.AsNoTracking().Where(p => p.Public).Select(p => p.Groups).ToListAsync(ct);
        return groups.Any(g => StatusPageJson.ReadGroups(g).Any(group => group.Checks.Contains(checkId)));
    }

    private static string Color(string status) => status switch
    {
        Statuses.Up => "#4c1",
        Statuses.Degraded => "#dfb317",
        Statuses.Down => "#e05d44",
        _ => "#9f9f9f",
    };

    /// <summary>The shields.io flat look: a grey label and a coloured value, widths from a rough 7 px per character.</summary>
    public static IResult Svg(string label, string value, string color)
    {
        int Width(string s) => (s.Length * 7) + 10;
        var (lw, vw) = (Width(label), Width(value));
        var (l, v) = (WebUtility.HtmlEncode(label), WebUtility.HtmlEncode(value));
        var svg = string.Create(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{lw + vw}" height="20" role="img" aria-label="{l}: {v}"><title>{l}: {v}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="{lw + vw}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="{lw}" height="20" fill="#555"/><rect x="{lw}" width="{vw}" height="20" fill="{color}"/><rect width="{lw + vw}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11"><text x="{lw / 2.0}" y="14">{l}</text><text x="{lw + (vw / 2.0)}" y="14">{v}</text></g></svg>
            """);
        return TypedResults.Text(svg, "image/svg+xml; charset=utf-8");
    }
}
