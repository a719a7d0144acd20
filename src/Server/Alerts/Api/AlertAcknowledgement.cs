namespace Linkwatch.Server.Alerts.Api;

public enum AckOutcome
{
    Acknowledged,
    NotFound,
    AlreadyResolved,
}

/// <summary>Acknowledging an alert, for the API and the dashboard alike.</summary>
public static class AlertAcknowledgement
{
    /// <summary>Acknowledging stops reminders; the alert still resolves (and says so) when the check recovers.</summary>
    public static async Task<AckOutcome> AcknowledgeAsync(
        LinkwatchDbContext db, LiveEvents live, TimeProvider time, long id, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (alert is null)
            return AckOutcome.NotFound;
        if (alert.State == AlertStates.Resolved)
            return AckOutcome.AlreadyResolved;
        if (alert.State == AlertStates.Open)
        {
            // Only the state columns: the engine may be writing the same row (resolving it), and its write must win.
            await db.Alerts.Where(a => a.Id == id && a.State == AlertStates.Open).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.State, AlertStates.Acknowledged)
                .SetProperty(a => a.AcknowledgedAt, time.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken);
            live.Publish(new AlertChanged(id, alert.CheckId, AlertStates.Acknowledged));
        }
        return AckOutcome.Acknowledged;
    }
}
