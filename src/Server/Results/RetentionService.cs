using Linkwatch.Server.Platform.Health;
using Linkwatch.Server.Platform.Options;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Results;

/// <summary>
/// Deletes raw results and network events older than <c>Storage:RawRetentionDays</c>, and each rollup tier's rows older
/// than its own retention (<c>Storage:MinuteRetentionDays</c>, <c>HourRetentionDays</c>, <c>DayRetentionDays</c>, 0 is
/// forever), at start and then hourly.
/// </summary>
public sealed partial class RetentionService(
    IServiceScopeFactory scopes, Readiness readiness, IOptions<StorageOptions> storage, TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    /// <summary>Small deletes keep each write transaction short, so ingest never waits long for the lock.</summary>
    public const int ChunkSize = 5000;

    private static readonly TimeSpan Period = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(Period, time);
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var cutoff = time.GetUtcNow().AddDays(-storage.Value.RawRetentionDays);
                    var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
                    var deleted = await PruneAsync(db, cutoff, stoppingToken);
                    if (deleted > 0)
                        Log.Pruned(logger, deleted, cutoff);
                    var events = await PruneEventsAsync(db, cutoff, stoppingToken);
                    if (events > 0)
                        Log.EventsPruned(logger, events, cutoff);
                    var now = time.GetUtcNow();
                    foreach (var (step, days) in RollupRetention(storage.Value))
                    {
                        var rollupCutoff = now.AddDays(-days);
                        var rollups = await PruneRollupsAsync(db, step, rollupCutoff, stoppingToken);
                        if (rollups > 0)
                            Log.RollupsPruned(logger, rollups, History.Steps.Name(step), rollupCutoff);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.PruneFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Deletes results that started before <paramref name="cutoff"/>, agent by agent so that the
    /// (AgentId, StartedAt) index finds them without a table scan. Returns how many were deleted.
    /// </summary>
    public static async Task<int> PruneAsync(LinkwatchDbContext db, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var before = cutoff.ToUnixTimeMilliseconds();
        var agentIds = await db.Agents.AsNoTracking().Select(a => a.Id).ToListAsync(cancellationToken);
        var total = 0;
        foreach (var agentId in agentIds)
        {
            int deleted;
            do
            {
                deleted = await db.Results
                    .Where(r => r.AgentId == agentId && r.StartedAt < before)
                    .OrderBy(r => r.StartedAt)
                    .Take(ChunkSize)
                    .ExecuteDeleteAsync(cancellationToken);
                total += deleted;
            }
            while (deleted == ChunkSize);
        }
        return total;
    }

    /// <summary>Deletes network events from before <paramref name="cutoff"/>, agent by agent on the (AgentId, At) index.</summary>
    public static async Task<int> PruneEventsAsync(LinkwatchDbContext db, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var before = cutoff.ToUnixTimeMilliseconds();
        var agentIds = await db.Agents.AsNoTracking().Select(a => a.Id).ToListAsync(cancellationToken);
        var total = 0;
        foreach (var agentId in agentIds)
            total += await db.NetworkEvents.Where(e => e.AgentId == agentId && e.At < before).ExecuteDeleteAsync(cancellationToken);
        return total;
    }

    /// <summary>Each rollup tier that expires, with its retention in days.</summary>
    public static IEnumerable<(long Step, int Days)> RollupRetention(StorageOptions storage)
    {
        yield return (History.Steps.Minute, storage.MinuteRetentionDays);
        yield return (History.Steps.Hour, storage.HourRetentionDays);
        if (storage.DayRetentionDays > 0)
            yield return (History.Steps.Day, storage.DayRetentionDays);
    }

    /// <summary>
    /// Deletes rollups of <paramref name="step"/> whose bucket started before <paramref name="cutoff"/>, in chunks. Each
    /// chunk is found on the (Step, Start) index and deleted by its keys as one row value (SQLite) or by tuple address
    /// (PostgreSQL's ctid). What a LINQ delete with a limit becomes, a correlated match on the five key columns, walks
    /// the whole table once per chunk.
    /// </summary>
    public static async Task<int> PruneRollupsAsync(LinkwatchDbContext db, long step, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var before = cutoff.ToUnixTimeMilliseconds();
        var sql = db.Database.IsNpgsql() ? PostgresRollupPrune : SqliteRollupPrune;
        var total = 0;
        int deleted;
        do
        {
            deleted = await db.Database.ExecuteSqlRawAsync(sql, [step, before, ChunkSize], cancellationToken);
            total += deleted;
        }
        while (deleted == ChunkSize);
        return total;
    }

    /// <summary>One chunk of <see cref="PruneRollupsAsync"/> on SQLite: {0} the step, {1} the cutoff, {2} the chunk size.</summary>
    internal const string SqliteRollupPrune =
        """DELETE FROM "Rollups" WHERE ("Step", "CheckId", "Start", "AgentId", "Family") IN (SELECT "Step", "CheckId", "Start", "AgentId", "Family" FROM "Rollups" WHERE "Step" = {0} AND "Start" < {1} ORDER BY "Start" LIMIT {2})""";

    /// <summary>The same on PostgreSQL, where an array of tuple addresses is read by a TID scan.</summary>
    internal const string PostgresRollupPrune =
        """DELETE FROM "Rollups" WHERE ctid = ANY (ARRAY(SELECT ctid FROM "Rollups" WHERE "Step" = {0} AND "Start" < {1} ORDER BY "Start" LIMIT {2}))""";
}
