using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Linkwatch.Server.Platform.Store.Migrations;

/// <summary>ASP.NET Core Identity's tables (schema version 1, default names), as <c>dotnet ef</c> generated them.</summary>
public sealed partial class LinkwatchDbContextModelSnapshot
{
    private const string IdentityType = "Microsoft.AspNetCore.Identity.";
    private const string RoleType = IdentityType + "IdentityRole";
    private const string UserType = IdentityType + "IdentityUser";

    private static void BuildIdentity(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity(RoleType, b =>
        {
            b.Property<string>("Id");
            b.Property<string>("ConcurrencyStamp").IsConcurrencyToken();
            b.Property<string>("Name").HasMaxLength(256);
            b.Property<string>("NormalizedName").HasMaxLength(256);
            b.HasKey("Id");
            b.HasIndex("NormalizedName").IsUnique().HasDatabaseName("RoleNameIndex");
            b.ToTable("AspNetRoles");
        });

        modelBuilder.Entity(UserType, b =>
        {
            b.Property<string>("Id");
            b.Property<int>("AccessFailedCount");
            b.Property<string>("ConcurrencyStamp").IsConcurrencyToken();
            b.Property<string>("Email").HasMaxLength(256);
            b.Property<bool>("EmailConfirmed");
            b.Property<bool>("LockoutEnabled");
            b.Property<DateTimeOffset?>("LockoutEnd");
            b.Property<string>("NormalizedEmail").HasMaxLength(256);
            b.Property<string>("NormalizedUserName").HasMaxLength(256);
            b.Property<string>("PasswordHash");
            b.Property<string>("PhoneNumber");
            b.Property<bool>("PhoneNumberConfirmed");
            b.Property<string>("SecurityStamp");
            b.Property<bool>("TwoFactorEnabled");
            b.Property<string>("UserName").HasMaxLength(256);
            b.HasKey("Id");
            b.HasIndex("NormalizedEmail").HasDatabaseName("EmailIndex");
            b.HasIndex("NormalizedUserName").IsUnique().HasDatabaseName("UserNameIndex");
            b.ToTable("AspNetUsers");
        });

        Claims(modelBuilder, "IdentityRoleClaim<string>", "RoleId", RoleType, "AspNetRoleClaims");
        Claims(modelBuilder, "IdentityUserClaim<string>", "UserId", UserType, "AspNetUserClaims");

        modelBuilder.Entity(IdentityType + "IdentityUserLogin<string>", b =>
        {
            b.Property<string>("LoginProvider");
            b.Property<string>("ProviderKey");
            b.Property<string>("ProviderDisplayName");
            b.Property<string>("UserId").IsRequired();
            b.HasKey("LoginProvider", "ProviderKey");
            b.HasIndex("UserId");
            b.ToTable("AspNetUserLogins");
            OwnedBy(b, UserType, "UserId");
        });

        modelBuilder.Entity(IdentityType + "IdentityUserRole<string>", b =>
        {
            b.Property<string>("UserId");
            b.Property<string>("RoleId");
            b.HasKey("UserId", "RoleId");
            b.HasIndex("RoleId");
            b.ToTable("AspNetUserRoles");
            OwnedBy(b, RoleType, "RoleId");
            OwnedBy(b, UserType, "UserId");
        });

        modelBuilder.Entity(IdentityType + "IdentityUserToken<string>", b =>
        {
            b.Property<string>("UserId");
            b.Property<string>("LoginProvider");
            b.Property<string>("Name");
            b.Property<string>("Value");
            b.HasKey("UserId", "LoginProvider", "Name");
            b.ToTable("AspNetUserTokens");
            OwnedBy(b, UserType, "UserId");
        });
    }

    /// <summary>A role's or a user's claims: an identity key, the owner's id and the claim.</summary>
    private static void Claims(ModelBuilder modelBuilder, string type, string ownerKey, string ownerType, string table) =>
        modelBuilder.Entity(IdentityType + type, b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd();
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<int>("Id"));
            b.Property<string>("ClaimType");
            b.Property<string>("ClaimValue");
            b.Property<string>(ownerKey).IsRequired();
            b.HasKey("Id");
            b.HasIndex(ownerKey);
            b.ToTable(table);
            OwnedBy(b, ownerType, ownerKey);
        });

    /// <summary>Deleting a user or a role deletes what hangs off it.</summary>
    private static void OwnedBy(EntityTypeBuilder b, string ownerType, string foreignKey) =>
        b.HasOne(ownerType, null).WithMany().HasForeignKey(foreignKey).OnDelete(DeleteBehavior.Cascade).IsRequired();
}
