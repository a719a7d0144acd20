using Linkwatch.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Linkwatch.Server.Platform.Store;
using Linkwatch.Server.Results;
using Linkwatch.Server.Results.Ingest;

namespace Linkwatch.Server.Tests.Postgres;

/// <summary>The store against a real PostgreSQL 15: migrations, the raw ingest insert and retention.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresCluster cluster)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [PostgresFact]
    public async Task Migrating_an_empty_database_applies_every_migration_and_matches_the_model()
    {
        await using var db = await NewContextAsync();

        // The hand-written snapshot must describe the same schema as the live Npgsql model
        // (else Migrate() refuses to run: EF's pending-model-changes error).
        if (db.Database.HasPendingModelChanges())
        {
            var snapshot = db.GetService<IModelRuntimeInitializer>().Initialize(
                db.GetService<IMigrationsAssembly>().ModelSnapshot!.Model, designTime: true);
            var differences = db.GetService<IMigrationsModelDiffer>().GetDifferences(
                snapshot.GetRelationalModel(), db.GetService<IDesignTimeModel>().Model.GetRelationalModel());
            Assert.Fail("the snapshot differs from the model: " + string.Join("; ", differences.Select(Describe)));
        }

        await db.Database.MigrateAsync().WaitAsync(Timeout);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // Every migration the server ships, in order.
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Contains("20261122000000_Initial", db.Database.GetMigrations());

        // The migrated tables have exactly the model's columns, with PostgreSQL's native types:
        // ids uuid or identity bigint, unix-ms times bigint, JSON as text (Identity's own columns as it maps them).
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var columns = await db.Database.SqlQuery<ColumnInfo>($"""
                SELECT column_name AS "Name", data_type AS "Type", is_nullable = 'YES' AS "Nullable", is_identity = 'YES' AS "Identity"
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name = {table}
                """).ToListAsync();
            var expected = entity.GetProperties()
                .Select(p => new ColumnInfo(p.GetColumnName(), PostgresType(p.ClrType, p.GetMaxLength()), p.IsColumnNullable(),
                    p.ValueGenerated == ValueGenerated.OnAdd))
                .OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, columns.OrderBy(c => c.Name, StringComparer.Ordinal).ToList());

            var indexes = await db.Database.SqlQuery<string>(
                $"SELECT indexname AS \"Value\" FROM pg_indexes WHERE schemaname = 'public' AND tablename = {table}").ToListAsync();
            var expectedIndexes = entity.GetIndexes().Select(i => i.GetDatabaseName()!).Append("PK_" + table).Order(StringComparer.Ordinal);
            Assert.Equal(expectedIndexes, indexes.Order(StringComparer.Ordinal));
        }
    }

    [PostgresFact]
    public async Task The_ingest_insert_stores_a_large_batch_once_and_reports_only_new_rows()
    {
        await using var db = await NewMigratedContextAsync();
        var start = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(0, IngestWriter.MaxResultsPerTransaction)
            .Select(i => Row(start.AddMilliseconds(i), agentId: 1 + i % 3, peer: i % 2 == 0 ? null : "peer-" + i))
            .ToList();

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            using var inserter = new ResultInserter(db);
            // The first half, then everything: only the second half is new, and a row repeated inside one call is new once.
            var first = await inserter.InsertAsync(rows[..1000], CancellationToken.None).WaitAsync(Timeout);
            var second = await inserter.InsertAsync([.. rows, rows[1500], rows[10]], CancellationToken.None).WaitAsync(Timeout);
            await tx.CommitAsync();

            Assert.Equal(rows[..1000].Select(r => r.Id).ToHashSet(), first);
            Assert.Equal(rows[1000..].Select(r => r.Id).ToHashSet(), second);
        }

        Assert.Equal(rows.Count, await db.Results.CountAsync());
        var stored = await db.Results.AsNoTracking().SingleAsync(r => r.Id == rows[7].Id);
        Assert.Equivalent(rows[7], stored, strict: true);
        Assert.Null((await db.Results.AsNoTracking().SingleAsync(r => r.Id == rows[8].Id)).Peer);
    }

    [PostgresFact]
    public async Task Pruning_deletes_only_results_that_started_before_the_cutoff()
    {
        await using var db = await NewMigratedContextAsync();
        db.Agents.Add(new Platform.Store.Agent { Name = "a", CredentialHash = "" });
        await db.SaveChangesAsync();
        var agentId = await db.Agents.Select(a => a.Id).SingleAsync();
        var cutoff = new DateTimeOffset(2026, 11, 8, 0, 0, 0, TimeSpan.Zero);
        var old = Enumerable.Range(1, RetentionService.ChunkSize + 10).Select(i => Row(cutoff.AddMilliseconds(-i), agentId)).ToList();
        var kept = Row(cutoff, agentId);
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            using var inserter = new ResultInserter(db);
            await inserter.InsertAsync([.. old, kept], CancellationToken.None);
            await tx.CommitAsync();
        }

        var deleted = await RetentionService.PruneAsync(db, cutoff, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(old.Count, deleted);
        Assert.Equal([kept.Id], await db.Results.Select(r => r.Id).ToListAsync());
    }

    private async Task<LinkwatchDbContext> NewContextAsync()
    {
        var connectionString = await cluster.CreateDatabaseAsync().WaitAsync(Timeout);
        return new LinkwatchDbContext(new DbContextOptionsBuilder<LinkwatchDbContext>().UseNpgsql(connectionString).Options);
    }

    private async Task<LinkwatchDbContext> NewMigratedContextAsync()
    {
        var db = await NewContextAsync();
        await db.Database.MigrateAsync().WaitAsync(Timeout);
        return db;
    }

    /// <summary>Identity's names and emails have a maximum length: varchar(256) rather than text.</summary>
    private static string PostgresType(Type clr, int? maxLength) => (Nullable.GetUnderlyingType(clr) ?? clr) switch
    {
        var t when t == typeof(string) && maxLength is not null => "character varying",
        var t when t == typeof(DateTimeOffset) => "timestamp with time zone",
        var t when t == typeof(Guid) => "uuid",
        var t when t == typeof(long) => "bigint",
        var t when t == typeof(int) => "integer",
        var t when t == typeof(double) => "double precision",
        var t when t == typeof(bool) => "boolean",
        var t when t == typeof(string) => "text",
        var t => throw new InvalidOperationException("no expected PostgreSQL type for " + t),
    };

    private static Result Row(DateTimeOffset startedAt, long agentId, string? peer = null) => new()
    {
        Id = Guid.CreateVersion7(startedAt),
        CheckId = 1,
        AgentId = agentId,
        StartedAt = startedAt.ToUnixTimeMilliseconds(),
        ReceivedAt = startedAt.ToUnixTimeMilliseconds() + 5,
        Status = "up",
        Verdict = "ok",
        Family = "ipv4",
        Address = "192.0.2.1",
        Phases = """{"connect":1.5}""",
        Attempts = "[]",
        Message = "connected",
        Error = null,
        Peer = peer,
    };

    private static string Describe(MigrationOperation op) => op switch
    {
        AlterColumnOperation a => $"AlterColumn {a.Table}.{a.Name} ({a.OldColumn.ColumnType}->{a.ColumnType}, {string.Join(",", a.GetAnnotations().Select(x => x.Name + "=" + x.Value))} / old {string.Join(",", a.OldColumn.GetAnnotations().Select(x => x.Name + "=" + x.Value))})",
        AlterDatabaseOperation d => $"AlterDatabase ({string.Join(",", d.GetAnnotations().Select(x => x.Name + "=" + x.Value))} / old {string.Join(",", d.OldDatabase.GetAnnotations().Select(x => x.Name + "=" + x.Value))})",
        AddColumnOperation a => $"AddColumn {a.Table}.{a.Name}",
        DropColumnOperation d => $"DropColumn {d.Table}.{d.Name}",
        _ => op.GetType().Name,
    };

    public sealed record ColumnInfo(string Name, string Type, bool Nullable, bool Identity);
}
