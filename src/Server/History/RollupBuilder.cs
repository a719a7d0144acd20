namespace Linkwatch.Server.History;

/// <summary>
/// Builds the minute, hour and day rollups incrementally. Every result received since the watermark marks the buckets
/// it falls in; each marked bucket is recomputed whole (minutes from the raw results received before the new
/// watermark, hours from minutes, days from hours) and written over what was there, and the watermark moves on in the
/// same transaction. So the rollups hold exactly the results received before the watermark, and running it twice, or
/// again after a crash, gives the same rows.
/// </summary>
public sealed partial class RollupBuilder(IServiceScopeFactory scopes, TimeProvider time, ILogger<RollupBuilder> logger)
{
    /// <summary>Results received this close to now may still be committing; they are taken by the next run.</summary>
    public static readonly TimeSpan Lag = TimeSpan.FromSeconds(2);

    /// <summary>How much receive time one transaction covers, so a long backlog is caught up in short steps.</summary>
    public static readonly TimeSpan Chunk = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Brings the rollups up to now less <see cref="Lag"/> (or to <paramref name="until"/>); returns how many results it read.</summary>
    public async Task<int> RunAsync(CancellationToken ct, DateTimeOffset? until = null)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
            var read = await CatchUpAsync(db, (until ?? time.GetUtcNow().Subtract(Lag)).ToUnixTimeMilliseconds(), ct);
            if (read > 0)
                Log.Rolled(logger, read);
            return read;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Rolls up every result received before <paramref name="until"/> (unix ms). Returns how many it read.</summary>
    public static async Task<int> CatchUpAsync(LinkwatchDbContext db, long until, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            db.ChangeTracker.Clear();
            var state = await db.RollupState.FirstOrDefaultAsync(s => s.Id == 1, ct);
            var from = state?.Watermark;
            if (from is null)
            {
                var first = await db.Results.MinAsync(r => (long?)r.ReceivedAt, ct);
                from = first ?? until;
            }
            if (from >= until)
            {
                if (state is null)
                {
                    db.RollupState.Add(new RollupState { Id = 1, Watermark = until });
                    await db.SaveChangesAsync(ct);
                }
                return total;
            }
            var to = Math.Min(until, from.Value + (long)Chunk.TotalMilliseconds);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var touched = await db.Results.AsNoTracking()
                .Where(r => r.ReceivedAt >= from && r.ReceivedAt < to)
                .Select(r => new { r.CheckId, r.AgentId, r.Family, r.StartedAt })
                .ToListAsync(ct);
            total += touched.Count;
            var minutes = touched
                .Select(r => new Key(r.CheckId, r.AgentId, r.Family ?? "", Steps.Floor(r.StartedAt, Steps.Minute)))
                .ToHashSet();
            await RebuildMinutesAsync(db, minutes, to, ct);
            var hours = minutes.Select(k => k with { Start = Steps.Floor(k.Start, Steps.Hour) }).ToHashSet();
            await RebuildFromAsync(db, Steps.Hour, Steps.Minute, hours, ct);
            var days = hours.Select(k => k with { Start = Steps.Floor(k.Start, Steps.Day) }).ToHashSet();
            await RebuildFromAsync(db, Steps.Day, Steps.Hour, days, ct);
            if (state is null)
                db.RollupState.Add(new RollupState { Id = 1, Watermark = to });
            else
                state.Watermark = to;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
    }

    /// <summary>One bucket of one series.</summary>
    public readonly record struct Key(long CheckId, long AgentId, string Family, long Start);

    /// <summary>Minutes from the raw results received before <paramref name="watermark"/>: the rollups hold exactly those.</summary>
    private static async Task RebuildMinutesAsync(LinkwatchDbContext db, HashSet<Key> keys, long watermark, CancellationToken ct)
    {
        foreach (var check in keys.GroupBy(k => k.CheckId))
        {
            var first = check.Min(k => k.Start);
            var end = check.Max(k => k.Start) + Steps.Minute;
            var raw = await db.Results.AsNoTracking()
                .Where(r => r.CheckId == check.Key && r.StartedAt >= first && r.StartedAt < end && r.ReceivedAt < watermark)
                // A run of a single family the name has no address in is neither up nor down: rollups skip it.
                .Where(r => r.Verdict != Verdicts.NoAddress)
                .Select(r => new { r.AgentId, r.Family, r.StartedAt, r.Status, r.Phases })
                .ToListAsync(ct);
            var buckets = raw
                .GroupBy(r => new Key(check.Key, r.AgentId, r.Family ?? "", Steps.Floor(r.StartedAt, Steps.Minute)))
                .ToDictionary(g => g.Key, g => g.OrderBy(r => r.StartedAt).Select(r => (r.Status, Latency.Of(r.Phases))).ToList());
            await UpsertAsync(db, Steps.Minute, check.Key, first, end, check, key =>
            {
                var row = NewRow(Steps.Minute, key);
                BucketStats.FromRaw(row, buckets.TryGetValue(key, out var results) ? results : []);
                return row;
            }, ct);
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task RebuildFromAsync(LinkwatchDbContext db, long step, long finer, HashSet<Key> keys, CancellationToken ct)
    {
        foreach (var check in keys.GroupBy(k => k.CheckId))
        {
            var first = check.Min(k => k.Start);
            var end = check.Max(k => k.Start) + step;
            var rows = await db.Rollups.AsNoTracking()
                .Where(r => r.Step == finer && r.CheckId == check.Key && r.Start >= first && r.Start < end)
                .ToListAsync(ct);
            var buckets = rows
                .GroupBy(r => new Key(check.Key, r.AgentId, r.Family, Steps.Floor(r.Start, step)))
                .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Start).ToList());
            await UpsertAsync(db, step, check.Key, first, end, check, key =>
            {
                var row = NewRow(step, key);
                BucketStats.Merge(row, buckets.TryGetValue(key, out var parts) ? parts : []);
                return row;
            }, ct);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Writes each key's freshly computed row over the stored one; a bucket left with no results is deleted.</summary>
    private static async Task UpsertAsync(
        LinkwatchDbContext db, long step, long checkId, long first, long end, IEnumerable<Key> keys, Func<Key, Rollup> compute,
        CancellationToken ct)
    {
        var existing = await db.Rollups
            .Where(r => r.Step == step && r.CheckId == checkId && r.Start >= first && r.Start < end)
            .ToDictionaryAsync(r => new Key(r.CheckId, r.AgentId, r.Family, r.Start), ct);
        foreach (var key in keys)
        {
            var fresh = compute(key);
            if (existing.TryGetValue(key, out var stored))
            {
                if (fresh.Count == 0)
                    db.Rollups.Remove(stored);
                else
                    db.Entry(stored).CurrentValues.SetValues(fresh);
            }
            else if (fresh.Count > 0)
                db.Rollups.Add(fresh);
        }
    }

    private static Rollup NewRow(long step, Key key) =>
        new() { Step = step, CheckId = key.CheckId, AgentId = key.AgentId, Family = key.Family, Start = key.Start };
}
