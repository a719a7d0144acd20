using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Linkwatch.Server.Platform.Store.Migrations;

/// <summary>
/// The model as of the last migration, written by hand in the shape <c>dotnet ef</c> would generate.
/// Update it together with every new migration; the migration test compares it with the live model.
/// Store types are left to the provider, as in the migrations; each provider's value-generation
/// annotations are stated (SQLite derives its own, Npgsql needs its identity strategy), so the
/// snapshot matches the model on both providers. Identity's tables are in the <c>.Identity.cs</c> part.
/// </summary>
[DbContext(typeof(LinkwatchDbContext))]
public sealed partial class LinkwatchDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation("ProductVersion", "10.0.14");
        // PostgreSQL's identity columns, as the migrations create them (SQLite ignores Npgsql annotations).
        NpgsqlModelBuilderExtensions.UseIdentityByDefaultColumns(modelBuilder);

        modelBuilder.Entity("Linkwatch.Server.Platform.Store.Agent", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd();
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<string>("Addresses").IsRequired();
            b.Property<long>("CreatedAt");
            b.Property<string>("CredentialHash").IsRequired();
            b.Property<string>("Labels").IsRequired();
            b.Property<long?>("LastSeen");
            b.Property<string>("Name").IsRequired();
            b.Property<string>("ResponderAddresses");
            b.Property<string>("ResponderPorts");
            b.Property<bool>("Revoked");
            b.Property<string>("Version");
            b.HasKey("Id");
            b.HasIndex("Name").IsUnique();
            b.ToTable("Agents");
        });

        modelBuilder.Entity("Linkwatch.Server.Platform.Store.Check", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd();
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<string>("Agents").IsRequired();
            b.Property<bool>("Badges");
            b.Property<long>("CreatedAt");
            b.Property<string>("DependsOn").IsRequired();
            b.Property<bool>("Enabled");
            b.Property<string>("Family").IsRequired();
            b.Property<int>("IntervalSeconds");
            b.Property<string>("Kind").IsRequired();
            b.Property<string>("Labels").IsRequired();
            b.Property<string>("Name").IsRequired();
            b.Property<string>("Options").IsRequired();
            b.Property<string>("PushToken");
            b.Property<string>("Target").IsRequired();
            b.Property<double>("TimeoutSeconds");
            b.Property<long>("UpdatedAt");
            b.HasKey("Id");
            b.HasIndex("PushToken").IsUnique();
            b.ToTable("Checks");
        });

        modelBuilder.Entity("Linkwatch.Server.Platform.Store.Result", b =>
        {
            b.Property<Guid>("Id");
            b.Property<string>("Address");
            b.Property<long>("AgentId");
            b.Property<string>("Attempts");
            b.Property<long>("CheckId");
            b.Property<string>("Error");
            b.Property<string>("Family");
            b.Property<string>("Message");
            b.Property<string>("Peer");
            b.Property<string>("Phases");
            b.Property<long>("ReceivedAt");
            b.Property<long>("StartedAt");
            b.Property<string>("Status").IsRequired();
            b.Property<string>("Verdict").IsRequired();
            b.HasKey("Id");
            b.HasIndex("AgentId", "StartedAt");
            b.HasIndex("CheckId", "StartedAt");
            b.HasIndex("CheckId", "Peer");
            b.HasIndex("ReceivedAt");
            b.ToTable("Results");
        });

        modelBuilder.Entity("Linkwatch.Server.Platform.Store.NetworkEventRow", b =>
        {
            b.Property<Guid>("Id");
            b.Property<long>("AgentId");
            b.Property<long>("At");
            b.Property<string>("Detail");
            b.Property<string>("Interface");
            b.Property<string>("Kind").IsRequired();
            b.Property<long>("ReceivedAt");
            b.HasKey("Id");
            b.HasIndex("AgentId", "At");
            b.ToTable("NetworkEvents");
        });

        modelBuilder.Entity("Linkwatch.Server.Platform.Store.Alert", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd();
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<long?>("AcknowledgedAt");
            b.Property<long?>("AgentId");
            b.Property<long?>("CheckId");
            b.Property<long?>("FirstFailingAt");
            b.Property<Guid?>("FirstFailingResultId");
            b.Property<bool>("Flapping");
            b.Property<long?>("LastNotifiedAt");
            b.Property<long>("OpenedAt");
            b.Property<long?>("ResolvedAt");
            b.Property<long>("RuleId");
            b.Property<string>("State").IsRequired();
            b.Property<string>("Status").IsRequired();
            b.Property<bool>("Suppressed");
            b.Property<string>("Verdict").IsRequired();
            b.HasKey("Id");
            b.HasIndex("RuleId", "CheckId", "AgentId");
            b.HasIndex("State", "OpenedAt");
            b.ToTable("Alerts");
        });

        modelBuilder.Entity("Linkwatch.Server.Platform.Store.AlertChannel", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd();
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<long>("CreatedAt");
            b.Property<string>("Name").IsRequired();
            b.Property<string>("Settings").IsRequired();
            b.Property<string>("Type").IsRequired();
            b.HasKey("Id");
            b.HasIndex("Name").IsUnique();
            b.ToTable("Channels");
        });

        modelBuilder.Entity("Linkwatch.Server.Platform.Store.AlertRule", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd();
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<bool>("AgentOffline");
            b.Property<string>("Agents").IsRequired();
            b.Property<string>("Channels").IsRequired();
            b.Property<long?>("CheckId");
            b.Property<long>("CreatedAt");
            b.Property<bool>("Enabled");
            b.Property<string>("Labels").IsRequired();
            b.Property<string>("LatencyPhase");
            b.Property<double?>("LatencyThresholdMs");
            b.Property<string>("Name").IsRequired();
            b.Property<int>("OfflineAfterSeconds");
            b.Property<int>("OpenAfterFailures");
            b.Property<int>("Quorum");
            b.Property<int>("ReminderMinutes");
            b.Property<int>("ResolveAfterSuccesses");
            b.Property<string>("Verdicts").IsRequired();
            b.HasKey("Id");
            b.ToTable("AlertRules");
        });

        modelBuilder.Entity("Linkwatch.Server.Platform.Store.Delivery", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd();
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<long?>("AlertId");
            b.Property<long>("At");
            b.Property<int>("Attempt");
            b.Property<long>("ChannelId");
            b.Property<double>("DurationMs");
            b.Property<string>("Error");
            b.Property<string>("Event").IsRequired();
            b.Property<int?>("StatusCode");
            b.Property<bool>("Success");
            b.HasKey("Id");
            b.HasIndex("AlertId");
            b.HasIndex("ChannelId", "At");
            b.ToTable("Deliveries");
        });

        modelBuilder.Entity("Linkwatch.Server.Platform.Store.Silence", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd();
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<string>("AgentName");
            b.Property<long?>("CheckId");
            b.Property<long>("CreatedAt");
            b.Property<string>("Reason");
            b.Property<long?>("RuleId");
            b.Property<long>("Until");
            b.HasKey("Id");
            b.ToTable("Silences");
        });

        modelBuilder.Entity("Linkwatch.Server.Platform.Store.MaintenanceWindow", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd();
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<string>("AgentName");
            b.Property<long?>("CheckId");
            b.Property<long>("CreatedAt");
            b.Property<string>("Cron");
            b.Property<int?>("DurationMinutes");
            b.Property<long?>("EndsAt");
            b.Property<string>("Labels").IsRequired();
            b.Property<string>("Name").IsRequired();
            b.Property<long?>("StartsAt");
            b.Property<string>("TimeZone").IsRequired();
            b.HasKey("Id");
            b.ToTable("MaintenanceWindows");
        });

        modelBuilder.Entity("Linkwatch.Server.Platform.Store.EnrollmentToken", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd();
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<long>("CreatedAt");
            b.Property<string>("CreatedBy");
            b.Property<long>("ExpiresAt");
            b.Property<string>("Name");
            b.Property<string>("TokenHash").IsRequired();
            b.Property<long?>("UsedAt");
            b.Property<string>("UsedBy");
            b.HasKey("Id");
            b.ToTable("EnrollmentTokens");
        });

        modelBuilder.Entity("Linkwatch.Server.Platform.Store.ApiKey", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd();
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<long>("CreatedAt");
            b.Property<string>("KeyHash").IsRequired();
            b.Property<long?>("LastUsedAt");
            b.Property<string>("Name").IsRequired();
            b.Property<string>("UserId").IsRequired();
            b.HasKey("Id");
            b.HasIndex("UserId");
            b.ToTable("ApiKeys");
        });

        modelBuilder.Entity("Linkwatch.Server.Platform.Store.AuditEntry", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd();
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<long>("At");
            b.Property<string>("Action").IsRequired();
            b.Property<string>("Actor").IsRequired();
            b.Property<string>("Kind").IsRequired();
            b.Property<string>("ObjectId");
            b.Property<string>("ObjectName");
            b.Property<string>("Summary");
            b.HasKey("Id");
            b.HasIndex("At");
            b.ToTable("AuditLog");
        });

        modelBuilder.Entity("Linkwatch.Server.Platform.Store.Rollup", b =>
        {
            b.Property<long>("Step");
            b.Property<long>("CheckId");
            b.Property<long>("Start");
            b.Property<long>("AgentId");
            b.Property<string>("Family");
            b.Property<double?>("Avg");
            b.Property<int>("Count");
            b.Property<int>("Degraded");
            b.Property<int>("Down");
            b.Property<double?>("Max");
            b.Property<double?>("Min");
            b.Property<double?>("P50");
            b.Property<double?>("P95");
            b.Property<double?>("P99");
            b.Property<int>("Samples");
            b.Property<int>("Up");
            b.HasKey("Step", "CheckId", "Start", "AgentId", "Family");
            b.HasIndex("Step", "Start");
            b.ToTable("Rollups");
        });

        modelBuilder.Entity("Linkwatch.Server.Platform.Store.RollupState", b =>
        {
            b.Property<long>("Id");
            b.Property<long>("Watermark");
            b.HasKey("Id");
            b.ToTable("RollupState");
        });

        modelBuilder.Entity("Linkwatch.Server.Platform.Store.StatusPage", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd();
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<long>("CreatedAt");
            b.Property<string>("Description");
            b.Property<string>("Groups").IsRequired();
            b.Property<string>("Notices").IsRequired();
            b.Property<bool>("Public");
            b.Property<bool>("ShowAgents");
            b.Property<string>("Slug").IsRequired();
            b.Property<string>("Title").IsRequired();
            b.Property<long>("UpdatedAt");
            b.HasKey("Id");
            b.HasIndex("Slug").IsUnique();
            b.ToTable("StatusPages");
        });

        BuildIdentity(modelBuilder);
    }
}
