using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Linkwatch.Server.Platform.Store.Migrations;

/// <summary>Maintenance windows (one-off or recurring by cron). Hand-written like <see cref="Initial"/>.</summary>
[DbContext(typeof(LinkwatchDbContext))]
[Migration("20261122030000_MaintenanceWindows")]
public sealed class MaintenanceWindows : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "MaintenanceWindows",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy",
                        Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = table.Column<string>(nullable: false),
                CheckId = table.Column<long>(nullable: true),
                Labels = table.Column<string>(nullable: false),
                AgentName = table.Column<string>(nullable: true),
                StartsAt = table.Column<long>(nullable: true),
                EndsAt = table.Column<long>(nullable: true),
                Cron = table.Column<string>(nullable: true),
                DurationMinutes = table.Column<int>(nullable: true),
                TimeZone = table.Column<string>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_MaintenanceWindows", x => x.Id));
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "MaintenanceWindows");
}
