using Linkwatch.Server.Alerts.Engine;
using Quartz;
using static Linkwatch.Server.Alerts.Api.MaintenanceWindowsApi;

namespace Linkwatch.Server.Alerts.Api;

/// <summary>The body of POST and PUT <c>/api/maintenance-windows</c>: what it covers, and when (one-off or recurring).</summary>
public sealed class WindowValidator(LinkwatchDbContext db, TimeProvider time) : IBodyValidator<WindowBody>
{
    /// <summary>A week: longer "maintenance" is an outage someone forgot about, which is what alerts are for.</summary>
    private const int MaxDurationMinutes = 7 * 24 * 60;

    public async ValueTask ValidateAsync(WindowBody b, ValidationErrors errors, CancellationToken cancellationToken)
    {
        errors.Name(b.Name);
        if (b.CheckId is { } checkId && !await db.Checks.AnyAsync(c => c.Id == checkId, cancellationToken))
            errors.Set("checkId", $"no check with id {checkId}");
        errors.Labels(b.Labels);
        errors.AgentName("agent", b.Agent);
        if (ActiveWindow.FindTimeZone(TimeZoneOf(b)) is null)
            errors.Set("timezone", $"unknown time zone '{TimeZoneOf(b)}' (use an IANA id such as Europe/Berlin)");
        var now = time.GetUtcNow();
        var recurring = b.Cron is not null || b.DurationMinutes is not null;
        if (recurring && (b.Start is not null || b.End is not null))
            errors.Set(b.Start is not null ? "start" : "end", "give start and end (one-off) or cron and durationMinutes (recurring), not both");
        else if (recurring)
            ValidateRecurring(b, errors, now);
        else if (b.Start is null || b.End is null)
            errors.Set(b.Start is null ? "start" : "end", "start and end (ISO-8601 times) are required, or cron and durationMinutes");
        else if (b.End <= b.Start)
            errors.Set("end", "end must be after start");
        else if (b.End <= now)
            errors.Set("end", "the window must end in the future");
    }

    private static void ValidateRecurring(WindowBody b, ValidationErrors errors, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(b.Cron))
            errors.Set("cron", "cron is required with durationMinutes (a Quartz cron expression, e.g. '0 0 2 ? * SUN')");
        else if (!CronExpression.TryParse(b.Cron, out var cron) || cron is null || cron.GetNextValidTimeAfter(now) is null)
            errors.Set("cron", "cron is not a Quartz cron expression that fires in the future (seconds minutes hours day-of-month month day-of-week [year])");
        if (b.DurationMinutes is null)
            errors.Set("durationMinutes", "durationMinutes is required with cron");
        else
            errors.Range("durationMinutes", b.DurationMinutes, 1, MaxDurationMinutes);
    }

    public static string TimeZoneOf(WindowBody b) => b.Timezone ?? "UTC";
}
