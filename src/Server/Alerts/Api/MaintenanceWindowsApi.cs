using Linkwatch.Server.Alerts.Engine;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Alerts.Api;

/// <summary>
/// <c>/api/maintenance-windows</c>: planned work that mutes alerts. One-off (<c>start</c>, <c>end</c>) or
/// recurring (Quartz <c>cron</c> read in <c>timezone</c>, default UTC, plus <c>durationMinutes</c>).
/// </summary>
public static class MaintenanceWindowsApi
{
    /// <summary>Request body of POST and PUT; see <see cref="WindowValidator"/>.</summary>
    public sealed record WindowBody(
        string? Name, long? CheckId, Dictionary<string, string>? Labels, string? Agent, DateTimeOffset? Start, DateTimeOffset? End,
        string? Cron, int? DurationMinutes, string? Timezone);

    public sealed record WindowDto(
        long Id, string Name, long? CheckId, Dictionary<string, string> Labels, string? Agent, DateTimeOffset? Start, DateTimeOffset? End,
        string? Cron, int? DurationMinutes, string Timezone, bool Active, DateTimeOffset? NextStart, DateTimeOffset CreatedAt);

    public static readonly ResourceTable<MaintenanceWindow, WindowDto> Table = new(
        "maintenance window", db => db.MaintenanceWindows.OrderBy(w => w.Id), db => db.MaintenanceWindows, ToDto);

    /// <summary>The handlers that change it, for the API and the dashboard's forms alike.</summary>
    public static readonly ResourceChanges Handlers = new(CreateAsync, ReplaceAsync, DeleteAsync);

    public static IEndpointRouteBuilder MapMaintenanceWindowsApi(this IEndpointRouteBuilder app)
    {
        app.MapResource<WindowBody, WindowValidator, MaintenanceWindow, WindowDto>("/api/maintenance-windows", Table, Handlers);
        return app;
    }

    public static async Task<Created<WindowDto>> CreateAsync(Valid<WindowBody> body, LinkwatchDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var window = new MaintenanceWindow { Name = "", CreatedAt = now.ToUnixTimeMilliseconds() };
        Apply(body.Value, window);
        db.MaintenanceWindows.Add(window);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/maintenance-windows/{window.Id}", ToDto(window, now));
    }

    /// <summary>Replaces the whole window (fields left out take their defaults, as on create).</summary>
    public static async Task<Results<Ok<WindowDto>, ProblemHttpResult>> ReplaceAsync(
        long id, Valid<WindowBody> body, LinkwatchDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await ResourceReads.FindAsync(db.MaintenanceWindows, id, cancellationToken) is not { } window)
            return NotFound(id);
        Apply(body.Value, window);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToDto(window, time.GetUtcNow()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, LinkwatchDbContext db, CancellationToken cancellationToken) =>
        await Tracked.DeleteAsync(db, db.MaintenanceWindows, id, cancellationToken) ? TypedResults.NoContent() : NotFound(id);

    private static void Apply(WindowBody b, MaintenanceWindow window)
    {
        window.Name = b.Name!.Trim();
        window.CheckId = b.CheckId;
        window.Labels = StoredJson.WriteLabels(b.Labels);
        window.AgentName = b.Agent;
        window.StartsAt = b.Start?.ToUnixTimeMilliseconds();
        window.EndsAt = b.End?.ToUnixTimeMilliseconds();
        window.Cron = b.Cron;
        window.DurationMinutes = b.DurationMinutes;
        window.TimeZone = WindowValidator.TimeZoneOf(b);
    }

    private static ProblemHttpResult NotFound(long id) => Problems.NotFound(Table.What, id);

    private static WindowDto ToDto(MaintenanceWindow w, DateTimeOffset now)
    {
        var active = new ActiveWindow(w);
        return new(w.Id, w.Name, w.CheckId, StoredJson.ReadLabels(w.Labels), w.AgentName, Time.FromMs(w.StartsAt), Time.FromMs(w.EndsAt),
            w.Cron, w.DurationMinutes, w.TimeZone, active.IsActive(now), active.NextStart(now), Time.FromMs(w.CreatedAt));
    }
}
