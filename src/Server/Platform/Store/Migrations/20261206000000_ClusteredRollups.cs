using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Linkwatch.Server.Platform.Store.Migrations;

/// <summary>
/// On SQLite the rollups become a <c>WITHOUT ROWID</c> table: rows are stored in key order (step, check, start, agent,
/// family), so one check's range is a run of adjacent pages whatever order the rollup job wrote it in. As a rowid table
/// each hour of every check was written together, and a 30-day chart of one check read 720 pages scattered over the
/// file. SQLite cannot change this in place: the rows are copied into a new table (a store with a year of rollups for a
/// thousand checks takes a few minutes, once). PostgreSQL keeps its heap and index (no change there).
/// </summary>
[DbContext(typeof(LinkwatchDbContext))]
[Migration("20261206000000_ClusteredRollups")]
public sealed class ClusteredRollups : Migration
{
    private const string Columns =
        "\"Step\", \"CheckId\", \"Start\", \"AgentId\", \"Family\", \"Count\", \"Up\", \"Degraded\", \"Down\", \"Samples\", " +
        "\"Min\", \"Avg\", \"Max\", \"P50\", \"P95\", \"P99\"";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
            Rebuild(migrationBuilder, withoutRowId: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
            Rebuild(migrationBuilder, withoutRowId: false);
    }

    private static void Rebuild(MigrationBuilder migrationBuilder, bool withoutRowId)
    {
        migrationBuilder.Sql($"""
            CREATE TABLE "Rollups_new" (
                "Step" INTEGER NOT NULL,
                "CheckId" INTEGER NOT NULL,
                "Start" INTEGER NOT NULL,
                "AgentId" INTEGER NOT NULL,
                "Family" TEXT NOT NULL,
                "Count" INTEGER NOT NULL,
                "Up" INTEGER NOT NULL,
                "Degraded" INTEGER NOT NULL,
                "Down" INTEGER NOT NULL,
                "Samples" INTEGER NOT NULL,
                "Min" REAL NULL,
                "Avg" REAL NULL,
                "Max" REAL NULL,
                "P50" REAL NULL,
                "P95" REAL NULL,
                "P99" REAL NULL,
                CONSTRAINT "PK_Rollups_new" PRIMARY KEY ("Step", "CheckId", "Start", "AgentId", "Family")
            ){(withoutRowId ? " WITHOUT ROWID" : "")};
            """);
        // In key order, so the new table is written front to back.
        migrationBuilder.Sql($"""INSERT INTO "Rollups_new" ({Columns}) SELECT {Columns} FROM "Rollups" ORDER BY "Step", "CheckId", "Start", "AgentId", "Family";""");
        migrationBuilder.Sql("""DROP TABLE "Rollups";""");
        migrationBuilder.Sql("""ALTER TABLE "Rollups_new" RENAME TO "Rollups";""");
        migrationBuilder.Sql("""CREATE INDEX "IX_Rollups_Step_Start" ON "Rollups" ("Step", "Start");""");
    }
}
