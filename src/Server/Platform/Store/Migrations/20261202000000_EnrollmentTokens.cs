using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Linkwatch.Server.Platform.Store.Migrations;

/// <summary>Single-use enrollment tokens minted by admins (only their hashes). Hand-written like <see cref="Initial"/>.</summary>
[DbContext(typeof(LinkwatchDbContext))]
[Migration("20261202000000_EnrollmentTokens")]
public sealed class SingleUseEnrollmentTokens : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "EnrollmentTokens",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy",
                        Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                TokenHash = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: true),
                CreatedBy = table.Column<string>(nullable: true),
                CreatedAt = table.Column<long>(nullable: false),
                ExpiresAt = table.Column<long>(nullable: false),
                UsedAt = table.Column<long>(nullable: true),
                UsedBy = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_EnrollmentTokens", x => x.Id));
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "EnrollmentTokens");
}
