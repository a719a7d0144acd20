using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage;

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
            using (var writer = new RollupWriter(db))
            {
                await writer.WriteAsync(await MinutesFromRawAsync(db, minutes, to, ct), ct);
                var hours = minutes.Select(k => k with { Start = Steps.Floor(k.Start, Steps.Hour) }).ToHashSet();
                await writer.WriteAsync(await MergeFinerAsync(db, Steps.Hour, Steps.Minute, hours, ct), ct);
                var days = hours.Select(k => k with { Start = Steps.Floor(k.Start, Steps.Day) }).ToHashSet();
                await writer.WriteAsync(await MergeFinerAsync(db, Steps.Day, Steps.Hour, days, ct), ct);
            }
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

    /// <summary>At most this many checks per query's id list.</summary>
    private const int ChecksPerQuery = 500;

    /// <summary>
    /// The keys' checks in groups that share one time range (each check's first to last touched bucket): at a fleet's
    /// pace every check touches the same few minutes, so a run reads each tier with a few queries, not one per check.
    /// </summary>
    private static IEnumerable<(long First, long End, List<long> Checks, ILookup<long, Key> Keys)> Groups(HashSet<Key> keys, long step)
    {
        var byCheck = keys.ToLookup(k => k.CheckId);
        return byCheck
            .Select(c => (Check: c.Key, First: c.Min(k => k.Start), End: c.Max(k => k.Start) + step))
            .GroupBy(c => (c.First, c.End))
            .SelectMany(g => g.Select(c => c.Check).Chunk(ChecksPerQuery).Select(ids => (g.Key.First, g.Key.End, ids.ToList(), byCheck)));
    }

    /// <summary>Each key's minute from the raw results received before <paramref name="watermark"/>: the rollups hold exactly those.</summary>
    private static async Task<List<Rollup>> MinutesFromRawAsync(LinkwatchDbContext db, HashSet<Key> keys, long watermark, CancellationToken ct)
    {
        var rows = new List<Rollup>(keys.Count);
        foreach (var (first, end, checks, byCheck) in Groups(keys, Steps.Minute))
        {
            var raw = await db.Results.AsNoTracking()
                .Where(r => checks.Contains(r.CheckId) && r.StartedAt >= first && r.StartedAt < end && r.ReceivedAt < watermark)
                // A run of a single family the name has no address in is neither up nor down: rollups skip it.
                .Where(r => r.Verdict != Verdicts.NoAddress)
                .Select(r => new { r.CheckId, r.AgentId, r.Family, r.StartedAt, r.Status, r.Phases })
                .ToListAsync(ct);
            var buckets = raw
                .GroupBy(r => new Key(r.CheckId, r.AgentId, r.Family ?? "", Steps.Floor(r.StartedAt, Steps.Minute)))
                .ToDictionary(g => g.Key, g => g.OrderBy(r => r.StartedAt).Select(r => (r.Status, Latency.Of(r.Phases))).ToList());
            foreach (var key in checks.SelectMany(c => byCheck[c]))
            {
                var row = NewRow(Steps.Minute, key);
                BucketStats.FromRaw(row, buckets.TryGetValue(key, out var results) ? results : []);
                rows.Add(row);
            }
        }
        return rows;
    }

    /// <summary>
    /// Each key's bucket of <paramref name="step"/> merged from its finer buckets (as <see cref="BucketStats.Merge"/>
    /// merges them: counts, minimum and maximum exactly, the average and percentiles weighted by samples), summed by
    /// the store itself so that no finer row is brought into the process.
    /// </summary>
    private static async Task<List<Rollup>> MergeFinerAsync(LinkwatchDbContext db, long step, long finer, HashSet<Key> keys, CancellationToken ct)
    {
        var rows = new List<Rollup>(keys.Count);
        var connection = db.Database.GetDbConnection();
        foreach (var (first, end, checks, byCheck) in Groups(keys, step))
        {
            var merged = new Dictionary<Key, Rollup>();
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                var ids = string.Join(", ", checks.Select((_, i) => "@c" + i));
                command.CommandText = $"""
                    SELECT "CheckId", "AgentId", "Family", "Start" - ("Start" % @step), SUM("Count"), SUM("Up"), SUM("Degraded"), SUM("Down"),
                           SUM("Samples"), MIN("Min"), MAX("Max"), SUM(COALESCE("Avg", 0) * "Samples"), SUM(COALESCE("P50", 0) * "Samples"),
                           SUM(COALESCE("P95", 0) * "Samples"), SUM(COALESCE("P99", 0) * "Samples")
                    FROM "Rollups"
                    WHERE "Step" = @finer AND "CheckId" IN ({ids}) AND "Start" >= @first AND "Start" < @end
                    GROUP BY 1, 2, 3, 4
                    """;
                Add(command, "@step", step);
                Add(command, "@finer", finer);
                Add(command, "@first", first);
                Add(command, "@end", end);
                for (var i = 0; i < checks.Count; i++)
                    Add(command, "@c" + i, checks[i]);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var key = new Key(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3));
                    var samples = Convert.ToInt32(reader.GetValue(8), CultureInfo.InvariantCulture);
                    double? Weighted(int column) => samples == 0 ? null : Convert.ToDouble(reader.GetValue(column), CultureInfo.InvariantCulture) / samples;
                    double? Nullable(int column) => reader.IsDBNull(column) ? null : Convert.ToDouble(reader.GetValue(column), CultureInfo.InvariantCulture);
                    var row = NewRow(step, key);
                    row.Count = Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture);
                    row.Up = Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture);
                    row.Degraded = Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture);
                    row.Down = Convert.ToInt32(reader.GetValue(7), CultureInfo.InvariantCulture);
                    row.Samples = samples;
                    row.Min = samples == 0 ? null : Nullable(9);
                    row.Max = samples == 0 ? null : Nullable(10);
                    row.Avg = Weighted(11);
                    row.P50 = Weighted(12);
                    row.P95 = Weighted(13);
                    row.P99 = Weighted(14);
                    merged[key] = row;
                }
            }
            foreach (var key in checks.SelectMany(c => byCheck[c]))
                rows.Add(merged.TryGetValue(key, out var row) ? row : NewRow(step, key));
        }
        return rows;
    }

    private static void Add(System.Data.Common.DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static Rollup NewRow(long step, Key key) =>
        new() { Step = step, CheckId = key.CheckId, AgentId = key.AgentId, Family = key.Family, Start = key.Start };
}
