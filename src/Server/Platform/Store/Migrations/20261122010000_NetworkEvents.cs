using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Linkwatch.Server.Platform.Store.Migrations;

/// <summary>
/// Agent mesh and network change events: the responder an agent advertises, the peer of a mesh
/// check's result, and the agents' network events. Hand-written, provider-neutral like Initial.
/// </summary>
[DbContext(typeof(LinkwatchDbContext))]
[Migration("20261122010000_NetworkEvents")]
public sealed class NetworkEvents : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "ResponderAddresses", table: "Agents", nullable: true);
        migrationBuilder.AddColumn<string>(name: "ResponderPorts", table: "Agents", nullable: true);
        migrationBuilder.AddColumn<string>(name: "Peer", table: "Results", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_Results_CheckId_Peer", table: "Results", columns: ["CheckId", "Peer"]);

        migrationBuilder.CreateTable(
            name: "NetworkEvents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgentId = table.Column<long>(nullable: false),
                At = table.Column<long>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                Interface = table.Column<string>(nullable: true),
                Detail = table.Column<string>(nullable: true),
                ReceivedAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_NetworkEvents", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_NetworkEvents_AgentId_At", table: "NetworkEvents", columns: ["AgentId", "At"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "NetworkEvents");
        migrationBuilder.DropIndex(name: "IX_Results_CheckId_Peer", table: "Results");
        migrationBuilder.DropColumn(name: "Peer", table: "Results");
        migrationBuilder.DropColumn(name: "ResponderPorts", table: "Agents");
        migrationBuilder.DropColumn(name: "ResponderAddresses", table: "Agents");
    }
}
