using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Linkwatch.Server.Platform.Store.Migrations;

/// <summary>
/// Push checks' tokens (unique: a push names its check by token alone) and the checks' parents (<c>dependsOn</c>).
/// Hand-written like <see cref="Initial"/>.
/// </summary>
[DbContext(typeof(LinkwatchDbContext))]
[Migration("20261205000000_PushAndDependencies")]
public sealed class PushAndDependencies : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "PushToken", table: "Checks", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_Checks_PushToken", table: "Checks", column: "PushToken", unique: true);
        migrationBuilder.AddColumn<string>(name: "DependsOn", table: "Checks", nullable: false, defaultValue: "[]");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "DependsOn", table: "Checks");
        migrationBuilder.DropIndex(name: "IX_Checks_PushToken", table: "Checks");
        migrationBuilder.DropColumn(name: "PushToken", table: "Checks");
    }
}
