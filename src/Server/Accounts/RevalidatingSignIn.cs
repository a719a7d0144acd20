using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Accounts;

/// <summary>
/// A dashboard circuit outlives the request that opened it, so its sign-in is checked again every minute against the
/// store: a person disabled, deleted, or whose role changed loses the circuit's sign-in, and the next change they try
/// is refused, as their next page load would be. (Their own password or two-factor change renews the security stamp
/// too, but is no reason to cut their own circuit: the account page renews the cookie for it.)
/// </summary>
public sealed class RevalidatingSignIn(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await IsStillValidAsync(users, state.User, identity.Value.ClaimsIdentity.RoleClaimType);
    }

    public static async Task<bool> IsStillValidAsync(UserManager<IdentityUser> users, ClaimsPrincipal principal, string roleClaim)
    {
        if (await users.GetUserAsync(principal) is not { } user || AccountStates.IsDisabled(user.LockoutEnd))
            return false;
        var signedInWith = principal.FindAll(roleClaim).Select(c => c.Value).Order(StringComparer.Ordinal);
        return signedInWith.SequenceEqual((await users.GetRolesAsync(user)).Order(StringComparer.Ordinal));
    }
}
