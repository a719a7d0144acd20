using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Linkwatch.Server.Platform.Store.Migrations;

/// <summary>
/// Agent-offline rules (<c>AgentOffline</c>, <c>Agents</c>, <c>OfflineAfterSeconds</c> on AlertRules), their alerts
/// (Alerts.CheckId becomes nullable: an agent alert has no check) and check alerts held under them
/// (Alerts.Suppressed). Hand-written like <see cref="Initial"/>.
/// <para>
/// SQLite cannot alter a column's nullability, and EF's automatic table rebuild needs a target model that
/// hand-written migrations do not carry, so on SQLite the Alerts table is rebuilt here by hand (the same
/// steps EF takes: new table, copy, drop, rename, indexes).
/// </para>
/// </summary>
[DbContext(typeof(LinkwatchDbContext))]
[Migration("20261122040000_AgentOfflineRules")]
public sealed class AgentOfflineRules : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "AgentOffline", table: "AlertRules", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<string>(name: "Agents", table: "AlertRules", nullable: false, defaultValue: "[]");
        migrationBuilder.AddColumn<int>(name: "OfflineAfterSeconds", table: "AlertRules", nullable: false, defaultValue: AlertDefaults.OfflineAfterSeconds);
        migrationBuilder.AddColumn<bool>(name: "Suppressed", table: "Alerts", nullable: false, defaultValue: false);

        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_Alerts" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_Alerts" PRIMARY KEY AUTOINCREMENT,
                    "RuleId" INTEGER NOT NULL,
                    "CheckId" INTEGER NULL,
                    "AgentId" INTEGER NULL,
                    "State" TEXT NOT NULL,
                    "OpenedAt" INTEGER NOT NULL,
                    "ResolvedAt" INTEGER NULL,
                    "AcknowledgedAt" INTEGER NULL,
                    "LastNotifiedAt" INTEGER NULL,
                    "Verdict" TEXT NOT NULL,
                    "Status" TEXT NOT NULL,
                    "FirstFailingResultId" TEXT NULL,
                    "FirstFailingAt" INTEGER NULL,
                    "Flapping" INTEGER NOT NULL,
                    "Suppressed" INTEGER NOT NULL DEFAULT 0
                );
                """);
            migrationBuilder.Sql("""
                INSERT INTO "ef_temp_Alerts" ("Id", "RuleId", "CheckId", "AgentId", "State", "OpenedAt", "ResolvedAt", "AcknowledgedAt",
                    "LastNotifiedAt", "Verdict", "Status", "FirstFailingResultId", "FirstFailingAt", "Flapping", "Suppressed")
                SELECT "Id", "RuleId", "CheckId", "AgentId", "State", "OpenedAt", "ResolvedAt", "AcknowledgedAt",
                    "LastNotifiedAt", "Verdict", "Status", "FirstFailingResultId", "FirstFailingAt", "Flapping", "Suppressed"
                FROM "Alerts";
                """);
            migrationBuilder.Sql("""DROP TABLE "Alerts";""");
            migrationBuilder.Sql("""ALTER TABLE "ef_temp_Alerts" RENAME TO "Alerts";""");
            migrationBuilder.CreateIndex(name: "IX_Alerts_State_OpenedAt", table: "Alerts", columns: ["State", "OpenedAt"]);
            migrationBuilder.CreateIndex(name: "IX_Alerts_RuleId_CheckId_AgentId", table: "Alerts", columns: ["RuleId", "CheckId", "AgentId"]);
        }
        else
        {
            migrationBuilder.AlterColumn<long>(name: "CheckId", table: "Alerts", nullable: true, oldClrType: typeof(long), oldNullable: false);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Agent alerts have no check to keep; they go with the columns that describe them.
        migrationBuilder.Sql("""DELETE FROM "Alerts" WHERE "CheckId" IS NULL;""");
        migrationBuilder.Sql("""DELETE FROM "AlertRules" WHERE "AgentOffline";""");
        migrationBuilder.DropColumn(name: "Suppressed", table: "Alerts");
        if (!migrationBuilder.IsSqlite())
            migrationBuilder.AlterColumn<long>(name: "CheckId", table: "Alerts", nullable: false, oldClrType: typeof(long), oldNullable: true);
        migrationBuilder.DropColumn(name: "OfflineAfterSeconds", table: "AlertRules");
        migrationBuilder.DropColumn(name: "Agents", table: "AlertRules");
        migrationBuilder.DropColumn(name: "AgentOffline", table: "AlertRules");
    }
}
