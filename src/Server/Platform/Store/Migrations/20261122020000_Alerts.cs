using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Linkwatch.Server.Platform.Store.Migrations;

/// <summary>
/// Alert rules, notification channels, alerts, the delivery log and silences. Hand-written like
/// <see cref="Initial"/>: provider-default column types, both providers' identity annotations.
/// </summary>
[DbContext(typeof(LinkwatchDbContext))]
[Migration("20261122020000_Alerts")]
public sealed class Alerts : Migration
{
    private const string SqliteAutoincrement = "Sqlite:Autoincrement";
    private const string NpgsqlStrategy = "Npgsql:ValueGenerationStrategy";
    private static readonly object NpgsqlIdentity =
        Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AlertRules",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation(SqliteAutoincrement, true)
                    .Annotation(NpgsqlStrategy, NpgsqlIdentity),
                Name = table.Column<string>(nullable: false),
                CheckId = table.Column<long>(nullable: true),
                Labels = table.Column<string>(nullable: false),
                OpenAfterFailures = table.Column<int>(nullable: false),
                ResolveAfterSuccesses = table.Column<int>(nullable: false),
                Quorum = table.Column<int>(nullable: false),
                Verdicts = table.Column<string>(nullable: false),
                Channels = table.Column<string>(nullable: false),
                ReminderMinutes = table.Column<int>(nullable: false),
                LatencyPhase = table.Column<string>(nullable: true),
                LatencyThresholdMs = table.Column<double>(nullable: true),
                Enabled = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AlertRules", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Channels",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation(SqliteAutoincrement, true)
                    .Annotation(NpgsqlStrategy, NpgsqlIdentity),
                Name = table.Column<string>(nullable: false),
                Type = table.Column<string>(nullable: false),
                Settings = table.Column<string>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Channels", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Alerts",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation(SqliteAutoincrement, true)
                    .Annotation(NpgsqlStrategy, NpgsqlIdentity),
                RuleId = table.Column<long>(nullable: false),
                CheckId = table.Column<long>(nullable: false),
                AgentId = table.Column<long>(nullable: true),
                State = table.Column<string>(nullable: false),
                OpenedAt = table.Column<long>(nullable: false),
                ResolvedAt = table.Column<long>(nullable: true),
                AcknowledgedAt = table.Column<long>(nullable: true),
                LastNotifiedAt = table.Column<long>(nullable: true),
                Verdict = table.Column<string>(nullable: false),
                Status = table.Column<string>(nullable: false),
                FirstFailingResultId = table.Column<Guid>(nullable: true),
                FirstFailingAt = table.Column<long>(nullable: true),
                Flapping = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Alerts", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Deliveries",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation(SqliteAutoincrement, true)
                    .Annotation(NpgsqlStrategy, NpgsqlIdentity),
                AlertId = table.Column<long>(nullable: true),
                ChannelId = table.Column<long>(nullable: false),
                Event = table.Column<string>(nullable: false),
                Attempt = table.Column<int>(nullable: false),
                At = table.Column<long>(nullable: false),
                Success = table.Column<bool>(nullable: false),
                StatusCode = table.Column<int>(nullable: true),
                Error = table.Column<string>(nullable: true),
                DurationMs = table.Column<double>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Deliveries", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Silences",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation(SqliteAutoincrement, true)
                    .Annotation(NpgsqlStrategy, NpgsqlIdentity),
                RuleId = table.Column<long>(nullable: true),
                CheckId = table.Column<long>(nullable: true),
                AgentName = table.Column<string>(nullable: true),
                Until = table.Column<long>(nullable: false),
                Reason = table.Column<string>(nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Silences", x => x.Id));

        migrationBuilder.CreateIndex(name: "IX_Channels_Name", table: "Channels", column: "Name", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Alerts_State_OpenedAt", table: "Alerts", columns: ["State", "OpenedAt"]);
        migrationBuilder.CreateIndex(name: "IX_Alerts_RuleId_CheckId_AgentId", table: "Alerts", columns: ["RuleId", "CheckId", "AgentId"]);
        migrationBuilder.CreateIndex(name: "IX_Deliveries_AlertId", table: "Deliveries", column: "AlertId");
        migrationBuilder.CreateIndex(name: "IX_Deliveries_ChannelId_At", table: "Deliveries", columns: ["ChannelId", "At"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Silences");
        migrationBuilder.DropTable(name: "Deliveries");
        migrationBuilder.DropTable(name: "Alerts");
        migrationBuilder.DropTable(name: "Channels");
        migrationBuilder.DropTable(name: "AlertRules");
    }
}
