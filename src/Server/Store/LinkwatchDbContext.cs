namespace Linkwatch.Server.Store;

/// <summary>The server's store. The schema changes only through hand-written migrations (see Migrations/).</summary>
public sealed class LinkwatchDbContext(DbContextOptions<LinkwatchDbContext> options) : DbContext(options)
{
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<Check> Checks => Set<Check>();
    public DbSet<Result> Results => Set<Result>();
    public DbSet<NetworkEventRow> NetworkEvents => Set<NetworkEventRow>();

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
    }
}
