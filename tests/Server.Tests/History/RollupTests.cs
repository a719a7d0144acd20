using System.Globalization;
using Linkwatch.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Linkwatch.Server.History;
using Linkwatch.Server.Platform.Options;
using Linkwatch.Server.Platform.Store;
using Linkwatch.Server.Results;
using Microsoft.Data.Sqlite;

namespace Linkwatch.Server.Tests.History;

public sealed class RollupTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Rollup_counts_summed_over_every_tier_equal_the_raw_count()
    {
        await WithMigratedDatabaseAsync(async db =>
        {
            await RollupStore.AddAgentsAsync(db);
            var seeded = RollupStore.Seed();
            db.Results.AddRange(seeded);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();

            var read = await RollupBuilder.CatchUpAsync(db, RollupStore.End, CancellationToken.None).WaitAsync(Timeout);

            Assert.Equal(seeded.Count, read);
            await RollupStore.AssertTiersMatchRawAsync(db);
            Assert.Equal(RollupStore.End, (await db.RollupState.SingleAsync()).Watermark);
            // Series by agent and family: the two agents, each with both families.
            var series = await db.Rollups.Where(r => r.Step == Steps.Day).Select(r => new { r.AgentId, r.Family }).Distinct().CountAsync();
            Assert.Equal(4, series);
        });
    }

    [Fact]
    public async Task Running_the_job_twice_or_again_from_scratch_changes_nothing_and_a_late_result_updates_its_buckets()
    {
        await WithMigratedDatabaseAsync(async db =>
        {
            await RollupStore.AddAgentsAsync(db);
            db.Results.AddRange(RollupStore.Seed());
            await db.SaveChangesAsync();
            await RollupBuilder.CatchUpAsync(db, RollupStore.End, CancellationToken.None).WaitAsync(Timeout);
            var first = await RollupStore.SnapshotAsync(db);

            Assert.Equal(0, await RollupBuilder.CatchUpAsync(db, RollupStore.End, CancellationToken.None).WaitAsync(Timeout));
            Assert.Equal(first, await RollupStore.SnapshotAsync(db));

            // As after a crash that lost the watermark: everything is recomputed, to the same rows.
            await db.RollupState.ExecuteDeleteAsync();
            await RollupBuilder.CatchUpAsync(db, RollupStore.End, CancellationToken.None).WaitAsync(Timeout);
            Assert.Equal(first, await RollupStore.SnapshotAsync(db));

            // A result from an agent's outbox arrives a day late: its minute, hour and day are rebuilt.
            var late = RollupStore.Origin.AddHours(5).AddSeconds(3);
            db.Results.Add(new Result
            {
                Id = Guid.CreateVersion7(late), CheckId = 1, AgentId = 1, StartedAt = late.ToUnixTimeMilliseconds(),
                ReceivedAt = RollupStore.End + 10, Status = Statuses.Down, Verdict = "timeout", Family = Families.Ipv4,
            });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            Assert.Equal(1, await RollupBuilder.CatchUpAsync(db, RollupStore.End + 1000, CancellationToken.None).WaitAsync(Timeout));
            await RollupStore.AssertTiersMatchRawAsync(db);
        });
    }

    [Fact]
    public async Task A_run_of_a_family_the_name_has_no_address_in_is_skipped_by_the_rollup()
    {
        await WithMigratedDatabaseAsync(async db =>
        {
            await RollupStore.AddAgentsAsync(db);
            var start = RollupStore.Origin.ToUnixTimeMilliseconds();
            db.Results.Add(new Result
            {
                Id = Guid.NewGuid(), CheckId = 1, AgentId = 1, StartedAt = start + 1_000, ReceivedAt = start + 60_000,
                Status = Statuses.Down, Verdict = "connect_refused", Family = Families.Ipv6,
            });
            db.Results.Add(new Result
            {
                Id = Guid.NewGuid(), CheckId = 1, AgentId = 1, StartedAt = start + 2_000, ReceivedAt = start + 60_000,
                Status = Statuses.Up, Verdict = Verdicts.NoAddress, Family = Families.Ipv6, Phases = """{"resolve":1,"total":1}""",
            });
            await db.SaveChangesAsync();

            await RollupBuilder.CatchUpAsync(db, start + 120_000, CancellationToken.None).WaitAsync(Timeout);

            var minute = await db.Rollups.SingleAsync(r => r.Step == Steps.Minute);
            Assert.Equal((1, 0, 1, 0), (minute.Count, minute.Up, minute.Down, minute.Samples));
        });
    }

    [Fact]
    public async Task A_minute_from_raw_results_has_exact_percentiles_and_ignores_results_without_a_latency()
    {
        await WithMigratedDatabaseAsync(async db =>
        {
            await RollupStore.AddAgentsAsync(db);
            var start = RollupStore.Origin.ToUnixTimeMilliseconds();
            for (var i = 1; i <= 100; i++)
                db.Results.Add(new Result
                {
                    Id = Guid.NewGuid(), CheckId = 1, AgentId = 1, StartedAt = start + (i * 500), ReceivedAt = start + 60_000,
                    Status = Statuses.Up, Verdict = "ok", Family = Families.Ipv4, Phases = $$"""{"connect":1,"total":{{101 - i}}}""",
                });
            db.Results.Add(new Result
            {
                Id = Guid.NewGuid(), CheckId = 1, AgentId = 1, StartedAt = start + 1, ReceivedAt = start + 60_000,
                Status = Statuses.Down, Verdict = "timeout", Family = Families.Ipv4,
            });
            await db.SaveChangesAsync();

            await RollupBuilder.CatchUpAsync(db, start + 120_000, CancellationToken.None).WaitAsync(Timeout);

            var minute = await db.Rollups.SingleAsync(r => r.Step == Steps.Minute);
            Assert.Equal((101, 100, 0, 1, 100), (minute.Count, minute.Up, minute.Degraded, minute.Down, minute.Samples));
            Assert.Equal((1.0, 50.5, 100.0), (minute.Min, minute.Avg, minute.Max));
            Assert.Equal((50.0, 95.0, 99.0), (minute.P50, minute.P95, minute.P99));
            Assert.Equal(Families.Ipv4, minute.Family);
        });
    }

    [Fact]
    public Task Retention_removes_each_tiers_expired_rows_and_keeps_days_forever_by_default() =>
        WithMigratedDatabaseAsync(RetentionScenarioAsync);

    /// <summary>
    /// Each tier's expired rows go (more of them than one chunk), the rest stay, and days stay forever by default.
    /// Shared with the PostgreSQL run.
    /// </summary>
    internal static async Task RetentionScenarioAsync(LinkwatchDbContext db)
    {
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var storage = new StorageOptions();
        Rollup Row(long step, int daysAgo, long checkId = 1, int minutesEarlier = 0) => new()
        {
            Step = step, CheckId = checkId, AgentId = 1, Family = "", Count = 1, Up = 1,
            Start = Steps.Floor(now.AddDays(-daysAgo).AddMinutes(-minutesEarlier).ToUnixTimeMilliseconds(), step),
        };
        db.Rollups.AddRange(
            Row(Steps.Minute, 31), Row(Steps.Minute, 29),
            Row(Steps.Hour, 401), Row(Steps.Hour, 399),
            Row(Steps.Day, 5000), Row(Steps.Day, 1));
        // Two chunks and a bit of expired minutes on other checks.
        var expired = 2 * RetentionService.ChunkSize + 7;
        db.Rollups.AddRange(Enumerable.Range(0, expired).Select(i => Row(Steps.Minute, 31, checkId: 2 + i % 3, minutesEarlier: 1 + i / 3)));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var pruned = 0;
        foreach (var (step, days) in RetentionService.RollupRetention(storage))
            pruned += await RetentionService.PruneRollupsAsync(db, step, now.AddDays(-days), CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(expired + 2, pruned);
        var left = await db.Rollups.OrderBy(r => r.Step).ThenByDescending(r => r.Start).Select(r => new { r.Step, r.Start }).ToListAsync();
        Assert.Equal(
            [(Steps.Minute, 29), (Steps.Hour, 399), (Steps.Day, 1), (Steps.Day, 5000)],
            left.Select(r => (r.Step, (int)Math.Round((now.ToUnixTimeMilliseconds() - r.Start) / 86_400_000.0))).ToList());

        storage.DayRetentionDays = 365;
        Assert.Contains((Steps.Day, 365), RetentionService.RollupRetention(storage));
    }

    [Fact]
    public Task A_retention_chunk_is_found_on_the_step_and_start_index_without_a_table_scan() =>
        WithMigratedDatabaseAsync(async db =>
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + string.Format(CultureInfo.InvariantCulture, RetentionService.SqliteRollupPrune, Steps.Minute, 1, 10);
            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    plan.Add(reader.GetString(3));
            Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
            Assert.Contains(plan, step => step.Contains("IX_Rollups_Step_Start", StringComparison.Ordinal));
        });

    [Fact]
    public async Task Rollups_kept_by_an_older_store_survive_the_move_to_a_table_in_key_order()
    {
        var dir = Directory.CreateTempSubdirectory("linkwatch-rollup-test-").FullName;
        try
        {
            var options = new DbContextOptionsBuilder<LinkwatchDbContext>().UseSqlite($"Data Source={Path.Combine(dir, "lw.db")}").Options;
            await using var db = new LinkwatchDbContext(options);
            var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
            await migrator.MigrateAsync("20261205000000_PushAndDependencies").WaitAsync(Timeout);
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO "Rollups" ("Step", "CheckId", "Start", "AgentId", "Family", "Count", "Up", "Degraded", "Down", "Samples", "Min", "Avg", "Max", "P50", "P95", "P99") VALUES (3600000, 7, 1000, 2, 'ipv6', 30, 28, 1, 1, 29, 0.5, 1.5, 9.5, 1.25, 8.0, 9.5)""");

            await db.Database.MigrateAsync().WaitAsync(Timeout);

            var table = await db.Database.SqlQueryRaw<string>("""SELECT sql AS "Value" FROM sqlite_master WHERE name = 'Rollups'""").SingleAsync();
            Assert.Contains("WITHOUT ROWID", table, StringComparison.Ordinal);
            var row = await db.Rollups.AsNoTracking().SingleAsync();
            Assert.Equal((3600000L, 7L, 1000L, 2L, "ipv6"), (row.Step, row.CheckId, row.Start, row.AgentId, row.Family));
            Assert.Equal((30, 28, 1, 1, 29), (row.Count, row.Up, row.Degraded, row.Down, row.Samples));
            Assert.Equal((0.5, 1.5, 9.5, 1.25, 8.0, 9.5), (row.Min!.Value, row.Avg!.Value, row.Max!.Value, row.P50!.Value, row.P95!.Value, row.P99!.Value));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    private static async Task WithMigratedDatabaseAsync(Func<LinkwatchDbContext, Task> test)
    {
        var dir = Directory.CreateTempSubdirectory("linkwatch-rollup-test-").FullName;
        try
        {
            var options = new DbContextOptionsBuilder<LinkwatchDbContext>().UseSqlite($"Data Source={Path.Combine(dir, "lw.db")}").Options;
            await using var db = new LinkwatchDbContext(options);
            await db.Database.MigrateAsync().WaitAsync(Timeout);
            await test(db);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }
}
