using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Linkwatch.Server.Platform.Store.Migrations;

/// <summary>
/// Rollups per minute, hour and day (one table, keyed by step), the rollup job's watermark, an index on the
/// results' receive time that the job reads new results by, status pages, and the checks' badges switch. Hand-written like <see cref="Initial"/>.
/// </summary>
[DbContext(typeof(LinkwatchDbContext))]
[Migration("20261204000000_Rollups")]
public sealed class Rollups : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Rollups",
            columns: table => new
            {
                Step = table.Column<long>(nullable: false),
                CheckId = table.Column<long>(nullable: false),
                Start = table.Column<long>(nullable: false),
                AgentId = table.Column<long>(nullable: false),
                Family = table.Column<string>(nullable: false),
                Count = table.Column<int>(nullable: false),
                Up = table.Column<int>(nullable: false),
                Degraded = table.Column<int>(nullable: false),
                Down = table.Column<int>(nullable: false),
                Samples = table.Column<int>(nullable: false),
                Min = table.Column<double>(nullable: true),
                Avg = table.Column<double>(nullable: true),
                Max = table.Column<double>(nullable: true),
                P50 = table.Column<double>(nullable: true),
                P95 = table.Column<double>(nullable: true),
                P99 = table.Column<double>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Rollups", x => new { x.Step, x.CheckId, x.Start, x.AgentId, x.Family }));
        migrationBuilder.CreateIndex(name: "IX_Rollups_Step_Start", table: "Rollups", columns: ["Step", "Start"]);

        migrationBuilder.CreateTable(
            name: "RollupState",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false),
                Watermark = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_RollupState", x => x.Id));

        migrationBuilder.CreateIndex(name: "IX_Results_ReceivedAt", table: "Results", column: "ReceivedAt");

        migrationBuilder.CreateTable(
            name: "StatusPages",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy",
                        Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Slug = table.Column<string>(nullable: false),
                Title = table.Column<string>(nullable: false),
                Description = table.Column<string>(nullable: true),
                Public = table.Column<bool>(nullable: false),
                ShowAgents = table.Column<bool>(nullable: false),
                Groups = table.Column<string>(nullable: false),
                Notices = table.Column<string>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_StatusPages", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_StatusPages_Slug", table: "StatusPages", column: "Slug", unique: true);

        migrationBuilder.AddColumn<bool>(name: "Badges", table: "Checks", nullable: false, defaultValue: false);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "Badges", table: "Checks");
        migrationBuilder.DropTable(name: "StatusPages");
        migrationBuilder.DropIndex(name: "IX_Results_ReceivedAt", table: "Results");
        migrationBuilder.DropTable(name: "RollupState");
        migrationBuilder.DropTable(name: "Rollups");
    }
}
