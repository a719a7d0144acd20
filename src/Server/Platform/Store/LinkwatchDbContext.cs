using Linkwatch.Server.Platform.Store.Migrations;

namespace Linkwatch.Server.Platform.Store;

/// <summary>The server's store. The schema changes only through hand-written migrations (see Migrations/).</summary>
public sealed class LinkwatchDbContext(DbContextOptions<LinkwatchDbContext> options) : DbContext(options)
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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Agent>(b =>
        {
            b.ToTable("Agents");
            b.HasKey(a => a.Id);
            b.HasIndex(a => a.Name).IsUnique();
        });
        modelBuilder.Entity<Check>(b =>
        {
            b.ToTable("Checks");
            b.HasKey(c => c.Id);
        });
        modelBuilder.Entity<Result>(b =>
        {
            b.ToTable("Results");
            b.HasKey(r => r.Id);
            b.Property(r => r.Id).ValueGeneratedNever();
            b.HasIndex(r => new { r.CheckId, r.StartedAt });
            b.HasIndex(r => new { r.AgentId, r.StartedAt });
            b.HasIndex(r => new { r.CheckId, r.Peer });
        });
        modelBuilder.Entity<NetworkEventRow>(b =>
        {
            b.ToTable("NetworkEvents");
            b.HasKey(e => e.Id);
            b.Property(e => e.Id).ValueGeneratedNever();
            b.HasIndex(e => new { e.AgentId, e.At });
        });
        OnAlertsModelCreating(modelBuilder);
    }

    private static void OnAlertsModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AlertRule>(b =>
        {
            b.ToTable("AlertRules");
            b.HasKey(r => r.Id);
        });
        modelBuilder.Entity<AlertChannel>(b =>
        {
            b.ToTable("Channels");
            b.HasKey(c => c.Id);
            b.HasIndex(c => c.Name).IsUnique();
        });
        modelBuilder.Entity<Alert>(b =>
        {
            b.ToTable("Alerts");
            b.HasKey(a => a.Id);
            b.HasIndex(a => new { a.State, a.OpenedAt });
            b.HasIndex(a => new { a.RuleId, a.CheckId, a.AgentId });
        });
        modelBuilder.Entity<Delivery>(b =>
        {
            b.ToTable("Deliveries");
            b.HasKey(d => d.Id);
            b.HasIndex(d => d.AlertId);
            b.HasIndex(d => new { d.ChannelId, d.At });
        });
        modelBuilder.Entity<Silence>(b =>
        {
            b.ToTable("Silences");
            b.HasKey(s => s.Id);
        });
        modelBuilder.Entity<MaintenanceWindow>(b =>
        {
            b.ToTable("MaintenanceWindows");
            b.HasKey(w => w.Id);
        });
    }
}
