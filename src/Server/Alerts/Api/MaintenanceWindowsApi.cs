using Linkwatch.Server.Alerts.Engine;
using Linkwatch.Server.Platform.Auth;
using Linkwatch.Server.Platform.Http;
using Linkwatch.Server.Platform.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Quartz;

namespace Linkwatch.Server.Alerts.Api;

/// <summary>
/// <c>/api/maintenance-windows</c>: planned work that mutes alerts. One-off (<c>start</c>, <c>end</c>) or
/// recurring (Quartz <c>cron</c> read in <c>timezone</c>, default UTC, plus <c>durationMinutes</c>).
/// </summary>
public static class MaintenanceWindowsApi
{
    public sealed record WindowBody(
        string? Name, long? CheckId, Dictionary<string, string>? Labels, string? Agent, DateTimeOffset? Start, DateTimeOffset? End,
        string? Cron, int? DurationMinutes, string? Timezone);

    public sealed record WindowDto(
        long Id, string Name, long? CheckId, Dictionary<string, string> Labels, string? Agent, DateTimeOffset? Start, DateTimeOffset? End,
        string? Cron, int? DurationMinutes, string Timezone, bool Active, DateTimeOffset? NextStart, DateTimeOffset CreatedAt);

    private const int MaxNameLength = 200;
    /// <summary>A week: longer "maintenance" is an outage someone forgot about, which is what alerts are for.</summary>
    private const int MaxDurationMinutes = 7 * 24 * 60;

    public static IEndpointRouteBuilder MapMaintenanceWindowsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/maintenance-windows").RequireAuthorization(AuthPolicies.Api);
        api.MapPost("/", CreateAsync);
        api.MapGet("/", ListAsync);
        api.MapDelete("/{id:long}", DeleteAsync);
        return app;
    }

    public static async Task<Results<Created<WindowDto>, ValidationProblem>> CreateAsync(HttpContext context, LinkwatchDbContext db, TimeProvider time)
    {
        var (body, errors) = await JsonBody.ReadAsync<WindowBody>(context);
        if (errors is not null)
            return TypedResults.ValidationProblem(errors);
        errors = [];
        var b = body!;
        var now = time.GetUtcNow();
        var name = b.Name?.Trim();
        if (string.IsNullOrEmpty(name))
            errors["name"] = ["name is required"];
        else if (name.Length > MaxNameLength)
            errors["name"] = [$"name must be at most {MaxNameLength} characters"];
        if (b.CheckId is { } checkId && !await db.Checks.AnyAsync(c => c.Id == checkId, context.RequestAborted))
            errors["checkId"] = [$"no check with id {checkId}"];
        if (b.Agent is not null && !Names.IsValidAgentName(b.Agent))
            errors["agent"] = [$"agent name is invalid: {Names.Rule}"];
        var timezone = b.Timezone ?? "UTC";
        if (ActiveWindow.FindTimeZone(timezone) is null)
            errors["timezone"] = [$"unknown time zone '{timezone}' (use an IANA id such as Europe/Berlin)"];

        var recurring = b.Cron is not null || b.DurationMinutes is not null;
        if (recurring && (b.Start is not null || b.End is not null))
            errors[b.Start is not null ? "start" : "end"] = ["give start and end (one-off) or cron and durationMinutes (recurring), not both"];
        else if (recurring)
        {
            if (string.IsNullOrWhiteSpace(b.Cron))
                errors["cron"] = ["cron is required with durationMinutes (a Quartz cron expression, e.g. '0 0 2 ? * SUN')"];
            else if (!CronExpression.TryParse(b.Cron, out var cron) || cron is null || cron.GetNextValidTimeAfter(now) is null)
                errors["cron"] = ["cron is not a Quartz cron expression that fires in the future (seconds minutes hours day-of-month month day-of-week [year])"];
            if (b.DurationMinutes is not { } d)
                errors["durationMinutes"] = ["durationMinutes is required with cron"];
            else if (d is < 1 or > MaxDurationMinutes)
                errors["durationMinutes"] = [$"durationMinutes must be between 1 and {MaxDurationMinutes}"];
        }
        else if (b.Start is null || b.End is null)
            errors[b.Start is null ? "start" : "end"] = ["start and end (ISO-8601 times) are required, or cron and durationMinutes"];
        else if (b.End <= b.Start)
            errors["end"] = ["end must be after start"];
        else if (b.End <= now)
            errors["end"] = ["the window must end in the future"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var window = new MaintenanceWindow
        {
            Name = name!,
            CheckId = b.CheckId,
            Labels = StoredJson.WriteLabels(b.Labels),
            AgentName = b.Agent,
            StartsAt = b.Start?.ToUnixTimeMilliseconds(),
            EndsAt = b.End?.ToUnixTimeMilliseconds(),
            Cron = b.Cron,
            DurationMinutes = b.DurationMinutes,
            TimeZone = timezone,
            CreatedAt = now.ToUnixTimeMilliseconds(),
        };
        db.MaintenanceWindows.Add(window);
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.Created($"/api/maintenance-windows/{window.Id}", ToDto(window, now));
    }

    public static async Task<Ok<List<WindowDto>>> ListAsync(LinkwatchDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.MaintenanceWindows.AsNoTracking().OrderBy(w => w.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(w => ToDto(w, now)).ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, LinkwatchDbContext db, CancellationToken cancellationToken) =>
        await db.MaintenanceWindows.Where(w => w.Id == id).ExecuteDeleteAsync(cancellationToken) == 0
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no maintenance window with id {id}")
            : TypedResults.NoContent();

    private static WindowDto ToDto(MaintenanceWindow w, DateTimeOffset now)
    {
        var active = new ActiveWindow(w);
        return new(w.Id, w.Name, w.CheckId, StoredJson.ReadLabels(w.Labels), w.AgentName, Time.FromMs(w.StartsAt), Time.FromMs(w.EndsAt),
            w.Cron, w.DurationMinutes, w.TimeZone, active.IsActive(now), active.NextStart(now), Time.FromMs(w.CreatedAt));
    }
}
