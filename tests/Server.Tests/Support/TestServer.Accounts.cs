using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Server.Tests.Support;

/// <summary>People and sign-in (the form itself is driven by <see cref="LoginForm"/>).</summary>
public sealed partial class TestServer
{
    /// <summary>The first admin every test server is given through Admin:Email / Admin:Password.</summary>
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "test-admin-password-0123";

    public async Task CreateUserAsync(string email, string password, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    public HttpClient NewBrowser() => LoginForm.NewBrowser(BaseAddress);

    /// <summary>A browser holding the sign-in cookie of <paramref name="email"/>.</summary>
    public Task<HttpClient> SignInAsync(string email = AdminEmail, string password = AdminPassword) =>
        LoginForm.SignInAsync(BaseAddress, email, password);
}
