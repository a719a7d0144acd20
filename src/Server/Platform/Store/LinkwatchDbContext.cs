using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Linkwatch.Server.Platform.Store;

/// <summary>
/// The server's store, people and roles (ASP.NET Core Identity's tables, default names) included.
/// The schema changes only through migrations (see Migrations/).
/// </summary>
public sealed class LinkwatchDbContext(DbContextOptions<LinkwatchDbContext> options)
    : IdentityDbContext<IdentityUser, IdentityRole, string>(options)
{
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<Check> Checks => Set<Check>();
    public DbSet<Result> Results => Set<Result>();
    public DbSet<NetworkEventRow> NetworkEvents => Set<NetworkEventRow>();
    public DbSet<AlertRule> AlertRules => Set<AlertRule>();
    public DbSet<AlertChannel> Channels => Set<AlertChannel>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<Silence> Silences => Set<Silence>();
    public DbSet<MaintenanceWindow> MaintenanceWindows => Set<MaintenanceWindow>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<EnrollmentToken> EnrollmentTokens => Set<EnrollmentToken>();
    public DbSet<Rollup> Rollups => Set<Rollup>();
    public DbSet<RollupState> RollupState => Set<RollupState>();
    public DbSet<StatusPage> StatusPages => Set<StatusPage>();

    // Keys are the entities' Id properties by convention; only table names, generated-key exceptions and indexes are spelled out.
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Agent>().ToTable("Agents").HasIndex(a => a.Name).IsUnique();
        modelBuilder.Entity<Check>().ToTable("Checks").HasIndex(c => c.PushToken).IsUnique();
        var result = modelBuilder.Entity<Result>().ToTable("Results");
        result.Property(r => r.Id).ValueGeneratedNever();
        result.HasIndex(r => new { r.CheckId, r.StartedAt });
        result.HasIndex(r => new { r.AgentId, r.StartedAt });
        result.HasIndex(r => new { r.CheckId, r.Peer });
        result.HasIndex(r => r.ReceivedAt);
        var networkEvent = modelBuilder.Entity<NetworkEventRow>().ToTable("NetworkEvents");
        networkEvent.Property(e => e.Id).ValueGeneratedNever();
        networkEvent.HasIndex(e => new { e.AgentId, e.At });

        modelBuilder.Entity<AlertRule>().ToTable("AlertRules");
        modelBuilder.Entity<AlertChannel>().ToTable("Channels").HasIndex(c => c.Name).IsUnique();
        var alert = modelBuilder.Entity<Alert>().ToTable("Alerts");
        alert.HasIndex(a => new { a.State, a.OpenedAt });
        alert.HasIndex(a => new { a.RuleId, a.CheckId, a.AgentId });
        var delivery = modelBuilder.Entity<Delivery>().ToTable("Deliveries");
        delivery.HasIndex(d => d.AlertId);
        delivery.HasIndex(d => new { d.ChannelId, d.At });
        modelBuilder.Entity<Silence>().ToTable("Silences");
        modelBuilder.Entity<MaintenanceWindow>().ToTable("MaintenanceWindows");
        modelBuilder.Entity<ApiKey>().ToTable("ApiKeys").HasIndex(k => k.UserId);
        modelBuilder.Entity<AuditEntry>().ToTable("AuditLog").HasIndex(e => e.At);
        modelBuilder.Entity<EnrollmentToken>().ToTable("EnrollmentTokens");
        var rollup = modelBuilder.Entity<Rollup>().ToTable("Rollups");
        rollup.HasKey(r => new { r.Step, r.CheckId, r.Start, r.AgentId, r.Family });
        rollup.HasIndex(r => new { r.Step, r.Start });
        modelBuilder.Entity<RollupState>().ToTable("RollupState").Property(s => s.Id).ValueGeneratedNever();
        modelBuilder.Entity<StatusPage>().ToTable("StatusPages").HasIndex(p => p.Slug).IsUnique();
    }
}
