using Linkwatch.Shared;
using Microsoft.EntityFrameworkCore;
using Linkwatch.Server.History;
using Linkwatch.Server.Platform.Store;
using Linkwatch.Server.Tests.History;
using Linkwatch.Server.Tests.Support;

namespace Linkwatch.Server.Tests.Postgres;

/// <summary>The rollup job's reads and upserts, and the history reads, against a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRollupTests(PostgresCluster cluster)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [PostgresFact]
    public async Task Rollups_match_the_raw_results_and_running_again_changes_nothing()
    {
        var connectionString = await cluster.CreateDatabaseAsync().WaitAsync(Timeout);
        await using var db = new LinkwatchDbContext(new DbContextOptionsBuilder<LinkwatchDbContext>().UseNpgsql(connectionString).Options);
        await db.Database.MigrateAsync().WaitAsync(Timeout);
        await RollupStore.AddAgentsAsync(db);
        var seeded = RollupStore.Seed();
        db.Results.AddRange(seeded);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        Assert.Equal(seeded.Count, await RollupBuilder.CatchUpAsync(db, RollupStore.End, CancellationToken.None).WaitAsync(Timeout));
        await RollupStore.AssertTiersMatchRawAsync(db);
        var first = await RollupStore.SnapshotAsync(db);
        await db.RollupState.ExecuteDeleteAsync();
        await RollupBuilder.CatchUpAsync(db, RollupStore.End, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(first, await RollupStore.SnapshotAsync(db));

        // The reads: uptime over the whole seeded range from the hour tier equals the raw counts.
        var history = new HistoryQueries(db);
        var counts = await history.CountsAsync(1, null, RollupStore.Origin.ToUnixTimeMilliseconds(), RollupStore.End, CancellationToken.None);
        Assert.Equal(seeded.Count, counts.Total);
        Assert.Equal(seeded.Count(r => r.Status != Statuses.Down), counts.Up + counts.Degraded);
        var series = await history.SeriesAsync(1, RollupStore.Origin.ToUnixTimeMilliseconds(), RollupStore.End, Steps.Hour, 2, Families.Ipv6, CancellationToken.None);
        Assert.Equal(seeded.Count(r => r.AgentId == 2 && r.Family == Families.Ipv6), Assert.Single(series).Buckets.Sum(b => b.Count));
    }

    [PostgresFact]
    public async Task Retention_removes_each_tiers_expired_rows_in_chunks()
    {
        var connectionString = await cluster.CreateDatabaseAsync().WaitAsync(Timeout);
        await using var db = new LinkwatchDbContext(new DbContextOptionsBuilder<LinkwatchDbContext>().UseNpgsql(connectionString).Options);
        await db.Database.MigrateAsync().WaitAsync(Timeout);
        await RollupTests.RetentionScenarioAsync(db);
    }
}
