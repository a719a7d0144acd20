using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.StatusPages;

/// <summary><c>/api/status-pages</c>: status pages (slug, title, groups of checks, notices), and the anonymous summary.</summary>
public static class StatusPagesApi
{
    public sealed record GroupBody(string? Name, List<long>? Checks);

    public sealed record NoticeBody(string? Title, string? Body, DateTimeOffset? At);

    /// <summary>Request body of POST and PUT; see <see cref="StatusPageValidator"/>.</summary>
    public sealed record StatusPageBody(
        string? Slug, string? Title, string? Description, bool? Public, bool? ShowAgents, List<GroupBody>? Groups, List<NoticeBody>? Notices);

    public sealed record StatusPageDto(
        long Id, string Slug, string Title, string? Description, bool Public, bool ShowAgents, List<StatusGroup> Groups,
        List<StatusNotice> Notices, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public static readonly ResourceTable<StatusPage, StatusPageDto> Table = new(
        "status page", db => db.StatusPages.OrderBy(p => p.Slug), db => db.StatusPages, (p, _) => ToDto(p));

    /// <summary>The handlers that change it, for the API and the dashboard's forms alike.</summary>
    public static readonly ResourceChanges Handlers = new(CreateAsync, ReplaceAsync, DeleteAsync);

    public static IEndpointRouteBuilder MapStatusPagesApi(this IEndpointRouteBuilder app)
    {
        app.MapResource<StatusPageBody, StatusPageValidator, StatusPage, StatusPageDto>("/api/status-pages", Table, Handlers);
        app.MapGet("/api/status-pages/{slug}/summary", SummaryAsync).AllowAnonymous();
        return app;
    }

    public static async Task<Results<Created<StatusPageDto>, ProblemHttpResult>> CreateAsync(
        Valid<StatusPageBody> body, LinkwatchDbContext db, StatusPageCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        var slug = body.Value.Slug!;
        if (await db.StatusPages.AnyAsync(p => p.Slug == slug, cancellationToken))
            return Taken(slug);
        var now = time.GetUtcNow();
        var page = new StatusPage { Slug = slug, Title = "", CreatedAt = now.ToUnixTimeMilliseconds() };
        Apply(body.Value, page, now);
        db.StatusPages.Add(page);
        await db.SaveChangesAsync(cancellationToken);
        cache.Clear();
        return TypedResults.Created($"/api/status-pages/{page.Id}", ToDto(page));
    }

    /// <summary>Replaces the whole page (fields left out take their defaults, as on create).</summary>
    public static async Task<Results<Ok<StatusPageDto>, ProblemHttpResult>> ReplaceAsync(
        long id, Valid<StatusPageBody> body, LinkwatchDbContext db, StatusPageCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await ResourceReads.FindAsync(db.StatusPages, id, cancellationToken) is not { } page)
            return Problems.NotFound(Table.What, id);
        var slug = body.Value.Slug!;
        if (await db.StatusPages.AnyAsync(p => p.Slug == slug && p.Id != id, cancellationToken))
            return Taken(slug);
        Apply(body.Value, page, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        cache.Clear();
        return TypedResults.Ok(ToDto(page));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, LinkwatchDbContext db, StatusPageCache cache, CancellationToken cancellationToken)
    {
        if (!await Tracked.DeleteAsync(db, db.StatusPages, id, cancellationToken))
            return Problems.NotFound(Table.What, id);
        cache.Clear();
        return TypedResults.NoContent();
    }

    /// <summary>Anonymous for a public page; a page that is not public is 404 unless the caller is signed in (a key).</summary>
    public static async Task<Results<Ok<StatusSummary>, ProblemHttpResult>> SummaryAsync(
        string slug, HttpContext context, StatusPageCache cache, CancellationToken cancellationToken)
    {
        var summary = await cache.GetAsync(slug, cancellationToken);
        if (summary is null || (!summary.Public && context.User.Identity?.IsAuthenticated != true))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no status page {slug}");
        return TypedResults.Ok(summary);
    }

    private static ProblemHttpResult Taken(string slug) => Problems.Conflict("slug", $"a status page with slug '{slug}' exists already");

    internal static void Apply(StatusPageBody b, StatusPage page, DateTimeOffset now)
    {
        page.Slug = b.Slug!;
        page.Title = b.Title!.Trim();
        page.Description = string.IsNullOrWhiteSpace(b.Description) ? null : b.Description.Trim();
        page.Public = b.Public ?? true;
        page.ShowAgents = b.ShowAgents ?? false;
        page.Groups = StatusPageJson.Write((b.Groups ?? []).Select(g => new StatusGroup(g.Name!.Trim(), [.. (g.Checks ?? []).Distinct()])).ToList());
        page.Notices = StatusPageJson.Write((b.Notices ?? []).Select(n => new StatusNotice(n.Title!.Trim(), n.Body ?? "", n.At ?? now)).ToList());
        page.UpdatedAt = now.ToUnixTimeMilliseconds();
    }

    public static StatusPageDto ToDto(StatusPage p) => new(
        p.Id, p.Slug, p.Title, p.Description, p.Public, p.ShowAgents, StatusPageJson.ReadGroups(p.Groups), StatusPageJson.ReadNotices(p.Notices),
        Time.FromMs(p.CreatedAt), Time.FromMs(p.UpdatedAt));
}
