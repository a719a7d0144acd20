using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Accounts;

/// <summary>
/// Seeds the three roles and, on a server with nobody yet, the first admin: from <c>Admin:Email</c>/<c>Admin:Password</c>,
/// or <c>admin@localhost</c> with a generated password that is printed once and kept in <c>DataDir/admin-password</c>
/// (owner-only) so that a newcomer who missed the log can still sign in.
/// </summary>
public sealed partial class FirstAdmin(IOptions<AdminOptions> admin, AdminPasswordFile passwordFile, ILogger<FirstAdmin> logger)
    : IStoreSeeder
{
    public const string PasswordFile = AdminPasswordFile.FileName;

    // No look-alikes (0/O, 1/l/I): the password is read off a terminal and typed by hand.
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), "role " + role);
        }

        var users = services.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.Users.AnyAsync(cancellationToken))
            return;

        var email = admin.Value.Email is { Length: > 0 } configured ? configured : AccountRules.DefaultAdminEmail;
        var generated = string.IsNullOrEmpty(admin.Value.Password);
        var password = generated ? RandomNumberGenerator.GetString(Alphabet, AccountRules.GeneratedPasswordLength) : admin.Value.Password!;
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(user, password), "Admin:Password");
        Check(await users.AddToRoleAsync(user, Roles.Admin), "the admin role");
        Check(await users.AddClaimAsync(user, new System.Security.Claims.Claim(UsersApi.CreatedAtClaim,
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture))), "the admin's creation time");

        if (generated)
            Log.Generated(logger, email, password, await passwordFile.WriteAsync(password, cancellationToken));
        else
            Log.Configured(logger, email);
    }

    /// <summary>Identity reports refusals as results; a refused seed must stop the start and say which setting.</summary>
    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create the first admin ({what}): "
                + string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
