using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Linkwatch.Server.Platform.Store;

namespace Linkwatch.Server.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrating_an_empty_sqlite_database_applies_every_migration_and_matches_the_model()
    {
        var dir = Directory.CreateTempSubdirectory("linkwatch-migration-test-").FullName;
        try
        {
            var options = new DbContextOptionsBuilder<LinkwatchDbContext>()
                .UseSqlite($"Data Source={Path.Combine(dir, "linkwatch.db")}")
                .Options;
            await using var db = new LinkwatchDbContext(options);

            await db.Database.MigrateAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var applied = await db.Database.GetAppliedMigrationsAsync();
            Assert.Contains("20261122000000_Initial", applied);
            Assert.Contains("20261122010000_NetworkEvents", applied);
            Assert.Contains("20261122020000_Alerts", applied);
            Assert.Contains("20261122030000_MaintenanceWindows", applied);
            Assert.Contains("20261122040000_AgentOfflineRules", applied);
            Assert.Contains("20261201000000_Identity", applied);
            Assert.Contains("20261202000000_EnrollmentTokens", applied);
            Assert.Contains("20261203000000_ApiKeysAndAudit", applied);
            Assert.Contains("20261204000000_Rollups", applied);

            // The hand-written snapshot must describe the same schema as the live model.
            if (db.Database.HasPendingModelChanges())
            {
                // HasPendingModelChanges finalized the cached snapshot model; diff it again for the message.
                var snapshot = db.GetService<IModelRuntimeInitializer>().Initialize(
                    db.GetService<IMigrationsAssembly>().ModelSnapshot!.Model, designTime: true);
                var differences = db.GetService<IMigrationsModelDiffer>().GetDifferences(
                    snapshot.GetRelationalModel(), db.GetService<IDesignTimeModel>().Model.GetRelationalModel());
                Assert.Fail("the snapshot differs from the model: " + string.Join("; ", differences.Select(Describe)));
            }

            // And the migrated tables have exactly the model's columns.
            foreach (var entity in db.Model.GetEntityTypes())
            {
                var table = entity.GetTableName()!;
                var columns = await db.Database.SqlQuery<string>($"SELECT name AS Value FROM pragma_table_info({table})").ToListAsync();
                var expected = entity.GetProperties().Select(p => p.GetColumnName()).Order().ToList();
                Assert.Equal(expected, columns.Order().ToList());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    private static string Describe(MigrationOperation op) => op switch
    {
        AlterColumnOperation a => $"AlterColumn {a.Table}.{a.Name} ({a.OldColumn.ColumnType}->{a.ColumnType}, {string.Join(",", a.GetAnnotations().Select(x => x.Name + "=" + x.Value))} / old {string.Join(",", a.OldColumn.GetAnnotations().Select(x => x.Name + "=" + x.Value))})",
        _ => op.GetType().Name,
    };
}
