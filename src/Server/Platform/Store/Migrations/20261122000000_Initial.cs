using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Linkwatch.Server.Platform.Store.Migrations;

/// <summary>
/// Agents, checks and raw results. Hand-written (the EF design package is not available here).
/// Column types are left to the provider's default mapping for the CLR type, so the same migration
/// creates INTEGER/TEXT/REAL on SQLite and bigint/text/uuid/boolean on PostgreSQL; each provider
/// ignores the other's identity annotation.
/// </summary>
[DbContext(typeof(LinkwatchDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    private const string SqliteAutoincrement = "Sqlite:Autoincrement";
    private const string NpgsqlStrategy = "Npgsql:ValueGenerationStrategy";
    // NpgsqlValueGenerationStrategy.IdentityByDefaultColumn
    private static readonly object NpgsqlIdentity =
        Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Agents",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation(SqliteAutoincrement, true)
                    .Annotation(NpgsqlStrategy, NpgsqlIdentity),
                Name = table.Column<string>(nullable: false),
                CredentialHash = table.Column<string>(nullable: false),
                Revoked = table.Column<bool>(nullable: false),
                Labels = table.Column<string>(nullable: false),
                Version = table.Column<string>(nullable: true),
                LastSeen = table.Column<long>(nullable: true),
                Addresses = table.Column<string>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Agents", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Checks",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation(SqliteAutoincrement, true)
                    .Annotation(NpgsqlStrategy, NpgsqlIdentity),
                Name = table.Column<string>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                Target = table.Column<string>(nullable: false),
                IntervalSeconds = table.Column<int>(nullable: false),
                TimeoutSeconds = table.Column<double>(nullable: false),
                Family = table.Column<string>(nullable: false),
                Enabled = table.Column<bool>(nullable: false),
                Options = table.Column<string>(nullable: false),
                Agents = table.Column<string>(nullable: false),
                Labels = table.Column<string>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                UpdatedAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Checks", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Results",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CheckId = table.Column<long>(nullable: false),
                AgentId = table.Column<long>(nullable: false),
                StartedAt = table.Column<long>(nullable: false),
                ReceivedAt = table.Column<long>(nullable: false),
                Status = table.Column<string>(nullable: false),
                Verdict = table.Column<string>(nullable: false),
                Family = table.Column<string>(nullable: true),
                Address = table.Column<string>(nullable: true),
                Phases = table.Column<string>(nullable: true),
                Attempts = table.Column<string>(nullable: true),
                Message = table.Column<string>(nullable: true),
                Error = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Results", x => x.Id));

        migrationBuilder.CreateIndex(name: "IX_Agents_Name", table: "Agents", column: "Name", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Results_AgentId_StartedAt", table: "Results", columns: ["AgentId", "StartedAt"]);
        migrationBuilder.CreateIndex(name: "IX_Results_CheckId_StartedAt", table: "Results", columns: ["CheckId", "StartedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Results");
        migrationBuilder.DropTable(name: "Checks");
        migrationBuilder.DropTable(name: "Agents");
    }
}
