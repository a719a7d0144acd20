using Linkwatch.Server.Accounts;
using Linkwatch.Server.Platform.Auth;
using Linkwatch.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Tests.Accounts;

/// <summary>An open dashboard circuit keeps its sign-in only while the person is as they were when they signed in.</summary>
public sealed class RevalidatingSignInTests
{
    [Fact]
    public async Task A_circuits_sign_in_ends_when_the_person_is_disabled_their_role_changes_or_they_are_deleted()
    {
        await using var server = await TestServer.StartAsync();
        await server.CreateUserAsync("circuit@test.local", "circuit-password-0123", Roles.Editor);
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<IdentityUser>>();
        var roleClaim = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.RoleClaimType;
        var user = (await users.FindByEmailAsync("circuit@test.local"))!;

        var principal = await signIn.CreateUserPrincipalAsync(user);
        Assert.True(await RevalidatingSignIn.IsStillValidAsync(users, principal, roleClaim));

        // Their own password change keeps the circuit; a new role does not.
        await users.ChangePasswordAsync(user, "circuit-password-0123", "circuit-password-4567");
        Assert.True(await RevalidatingSignIn.IsStillValidAsync(users, principal, roleClaim));
        await users.AddToRoleAsync(user, Roles.Admin);
        Assert.False(await RevalidatingSignIn.IsStillValidAsync(users, principal, roleClaim));

        principal = await signIn.CreateUserPrincipalAsync(user);
        await users.SetLockoutEndDateAsync(user, AccountStates.DisabledUntil);
        Assert.False(await RevalidatingSignIn.IsStillValidAsync(users, principal, roleClaim));

        await users.SetLockoutEndDateAsync(user, null);
        principal = await signIn.CreateUserPrincipalAsync(user);
        Assert.True(await RevalidatingSignIn.IsStillValidAsync(users, principal, roleClaim));
        await users.DeleteAsync(user);
        Assert.False(await RevalidatingSignIn.IsStillValidAsync(users, principal, roleClaim));
    }
}
