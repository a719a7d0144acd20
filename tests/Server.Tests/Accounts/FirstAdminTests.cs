using System.Net;
using Linkwatch.Server.Accounts;
using Linkwatch.Server.Platform.Auth;
using Linkwatch.Server.Platform.Store;
using Linkwatch.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Server.Tests.Accounts;

public sealed class FirstAdminTests
{
    private static readonly Dictionary<string, string?> NoAdminConfigured = new() { ["Admin:Email"] = null, ["Admin:Password"] = null };

    [Fact]
    public async Task Unset_the_first_admin_is_admin_at_localhost_with_a_generated_password_kept_owner_only_and_printed_once()
    {
        await using var server = await TestServer.StartAsync(NoAdminConfigured);
        var path = Path.Combine(server.DataDir, FirstAdmin.PasswordFile);

        var password = (await File.ReadAllTextAsync(path)).Trim();
        Assert.Equal(AccountRules.GeneratedPasswordLength, password.Length);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var printed = Assert.Single(server.Logs.Messages, m => m.Contains(password, StringComparison.Ordinal));
        Assert.Contains(AccountRules.DefaultAdminEmail, printed);

        // A second seeding (the next start) finds people and neither creates nor prints anything.
        await using (var scope = server.Services.CreateAsyncScope())
        {
            foreach (var seeder in scope.ServiceProvider.GetServices<IStoreSeeder>())
                await seeder.SeedAsync(scope.ServiceProvider, CancellationToken.None);
        }
        Assert.Single(server.Logs.Messages, m => m.Contains(password, StringComparison.Ordinal));

        using var browser = await server.SignInAsync(AccountRules.DefaultAdminEmail, password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_configured_admin_is_created_in_the_admin_role_and_its_password_never_logged()
    {
        await using var server = await TestServer.StartAsync();

        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var admin = await users.FindByEmailAsync(TestServer.AdminEmail);
        Assert.NotNull(admin);
        Assert.Equal([Roles.Admin], await users.GetRolesAsync(admin));
        Assert.False(File.Exists(Path.Combine(server.DataDir, FirstAdmin.PasswordFile)));
        Assert.DoesNotContain(server.Logs.Messages, m => m.Contains(TestServer.AdminPassword, StringComparison.Ordinal));
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            Assert.True(await roles.RoleExistsAsync(role));
    }

    [Theory]
    [InlineData("Admin:Password", "eleven-char", "Admin:Password must be at least 12 characters (it has 11)")]
    [InlineData("Admin:Email", "not-an-email", "Admin:Email must be an email address")]
    [InlineData("Admin:Pasword", "a-typo-in-the-key", "Pasword")]
    public async Task Bad_admin_configuration_stops_the_start_naming_the_key(string key, string value, string message)
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => TestServer.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(message, ex.ToString());
        Assert.DoesNotContain("eleven-char", ex.ToString());
    }
}
