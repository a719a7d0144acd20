using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Linkwatch.Server.Platform.Store;
using Linkwatch.Server.Results;

namespace Linkwatch.Server.Tests;

public sealed class RetentionTests
{
    [Fact]
    public async Task Pruning_deletes_only_results_that_started_before_the_cutoff()
    {
        await WithMigratedDatabaseAsync(async db =>
        {
            db.Agents.Add(new Platform.Store.Agent { Id = 1, Name = "a", CredentialHash = "" });
            var cutoff = new DateTimeOffset(2026, 11, 8, 0, 0, 0, TimeSpan.Zero);
            var old = Row(cutoff.AddMilliseconds(-1));
            var kept = Row(cutoff);
            db.Results.AddRange(old, kept);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();

            var deleted = await RetentionService.PruneAsync(db, cutoff, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(1, deleted);
            Assert.Equal([kept.Id], await db.Results.Select(r => r.Id).ToListAsync());
        });
    }

    [Fact]
    public async Task Pruning_deletes_only_network_events_from_before_the_cutoff()
    {
        await WithMigratedDatabaseAsync(async db =>
        {
            db.Agents.Add(new Platform.Store.Agent { Id = 1, Name = "a", CredentialHash = "" });
            var cutoff = new DateTimeOffset(2026, 11, 8, 0, 0, 0, TimeSpan.Zero);
            NetworkEventRow Event(DateTimeOffset at) => new()
        {
                Id = Guid.CreateVersion7(at), AgentId = 1, At = at.ToUnixTimeMilliseconds(), Kind = "address_added", ReceivedAt = at.ToUnixTimeMilliseconds(),
            };
            var old = Event(cutoff.AddMilliseconds(-1));
            var kept = Event(cutoff);
            db.NetworkEvents.AddRange(old, kept);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();

            var deleted = await RetentionService.PruneEventsAsync(db, cutoff, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(1, deleted);
            Assert.Equal([kept.Id], await db.NetworkEvents.Select(e => e.Id).ToListAsync());
        });
    }

    /// <summary>Runs <paramref name="test"/> against a freshly migrated SQLite file, removed afterwards.</summary>
    private static async Task WithMigratedDatabaseAsync(Func<LinkwatchDbContext, Task> test)
    {
        var dir = Directory.CreateTempSubdirectory("linkwatch-retention-test-").FullName;
        try
        {
            var options = new DbContextOptionsBuilder<LinkwatchDbContext>().UseSqlite($"Data Source={Path.Combine(dir, "lw.db")}").Options;
            await using var db = new LinkwatchDbContext(options);
            await db.Database.MigrateAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await test(db);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    private static Result Row(DateTimeOffset startedAt) => new()
    {
        Id = Guid.CreateVersion7(startedAt),
        CheckId = 1,
        AgentId = 1,
        StartedAt = startedAt.ToUnixTimeMilliseconds(),
        ReceivedAt = startedAt.ToUnixTimeMilliseconds(),
        Status = "up",
        Verdict = "ok",
    };
}
