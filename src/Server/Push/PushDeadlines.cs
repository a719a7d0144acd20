using System.Globalization;
using Linkwatch.Server.Results.Ingest;
using Linkwatch.Shared.Kinds;
using Linkwatch.Shared.Kinds.Push;

namespace Linkwatch.Server.Push;

/// <summary>
/// Records <c>no_push</c> for push checks whose job did not call in time. The first deadline is intervalSeconds +
/// graceSeconds after the last push (or after the check was created, enabled or edited, whichever is newest); each
/// further one an interval later, so a job that stays silent is one <c>no_push</c> per missed run, stamped at the
/// deadline it missed. After a long outage of the server only the latest <see cref="MaxCatchUp"/> are recorded, not a flood.
/// </summary>
public sealed class PushDeadlines(IServiceScopeFactory scopes, IngestQueue queue, TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        List<AgentResult> missed = [];
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
            var checks = await db.Checks.AsNoTracking().Where(c => c.Kind == CheckKinds.Push && c.Enabled)
                .Select(c => new { c.Id, c.IntervalSeconds, c.Options, c.UpdatedAt }).ToListAsync(cancellationToken);
            if (checks.Count == 0)
                return 0;
            var ids = checks.Select(c => c.Id).ToList();
            var lastPush = await db.Results.AsNoTracking().Where(r => ids.Contains(r.CheckId) && r.Verdict != Verdicts.NoPush)
                .GroupBy(r => r.CheckId).Select(g => new { g.Key, At = g.Max(r => r.StartedAt) }).ToDictionaryAsync(g => g.Key, g => g.At, cancellationToken);
            var lastMiss = await db.Results.AsNoTracking().Where(r => ids.Contains(r.CheckId) && r.Verdict == Verdicts.NoPush)
                .GroupBy(r => r.CheckId).Select(g => new { g.Key, At = g.Max(r => r.StartedAt) }).ToDictionaryAsync(g => g.Key, g => g.At, cancellationToken);
            foreach (var check in checks)
            {
                var grace = GraceOf(check.Options);
                foreach (var at in MissedDeadlines(Math.Max(check.UpdatedAt, lastPush.GetValueOrDefault(check.Id)),
                    lastMiss.TryGetValue(check.Id, out var miss) ? miss : null, check.IntervalSeconds, grace, now))
                    missed.Add(PushResults.Of(check.Id, DateTimeOffset.FromUnixTimeMilliseconds(at), Verdicts.NoPush,
                        string.Create(CultureInfo.InvariantCulture, $"no push within {check.IntervalSeconds} s + {grace} s grace"), null));
            }
        }
        if (missed.Count > 0)
            await queue.SubmitFromServerAsync(missed, cancellationToken);
        return missed.Count;
    }

    /// <summary>
    /// After a long silence of the server (down, or its clock jumped) only the latest this many deadlines are recorded:
    /// enough to show the gap on the timeline, not a flood of rows.
    /// </summary>
    public const int MaxCatchUp = 10;

    /// <summary>
    /// The missed deadlines to record now (unix ms, oldest first), none when nothing is due. <paramref name="since"/> is
    /// the last push or the check's last change; <paramref name="lastMiss"/> the newest <c>no_push</c> recorded.
    /// </summary>
    public static IReadOnlyList<long> MissedDeadlines(long since, long? lastMiss, int intervalSeconds, int graceSeconds, long now)
    {
        var interval = intervalSeconds * 1000L;
        var next = since + interval + graceSeconds * 1000L;
        if (lastMiss is { } miss && miss >= next)
            next = miss + interval;
        if (now < next)
            return [];
        var count = (now - next) / interval + 1;
        var first = next + Math.Max(0, count - MaxCatchUp) * interval;
        var missed = new List<long>();
        for (var at = first; at <= now; at += interval)
            missed.Add(at);
        return missed;
    }

    private static int GraceOf(string optionsJson)
    {
        var reader = new CheckOptionReader(CheckKinds.Push, StoredJson.ReadOptions(optionsJson));
        return PushOptions.Read(reader).GraceSeconds;
    }
}
