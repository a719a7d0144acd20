using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Linkwatch.Server.Platform.Store.Migrations;

/// <summary>Per-person API keys (hashes only) and the audit log of configuration changes. Hand-written like <see cref="Initial"/>.</summary>
[DbContext(typeof(LinkwatchDbContext))]
[Migration("20261203000000_ApiKeysAndAudit")]
public sealed class ApiKeysAndAudit : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ApiKeys",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy",
                        Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: false),
                KeyHash = table.Column<string>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                LastUsedAt = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ApiKeys", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_ApiKeys_UserId", table: "ApiKeys", column: "UserId");

        migrationBuilder.CreateTable(
            name: "AuditLog",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy",
                        Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                At = table.Column<long>(nullable: false),
                Actor = table.Column<string>(nullable: false),
                Action = table.Column<string>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                ObjectId = table.Column<string>(nullable: true),
                ObjectName = table.Column<string>(nullable: true),
                Summary = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AuditLog", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_AuditLog_At", table: "AuditLog", column: "At");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "AuditLog");
        migrationBuilder.DropTable(name: "ApiKeys");
    }
}
