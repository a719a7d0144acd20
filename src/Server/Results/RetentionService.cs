using Linkwatch.Server.Platform.Health;
using Linkwatch.Server.Platform.Options;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Results;

/// <summary>Deletes raw results and network events older than <c>Storage:RawRetentionDays</c>, at start and then hourly.</summary>
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
}
