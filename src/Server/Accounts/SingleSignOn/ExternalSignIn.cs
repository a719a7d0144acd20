using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Accounts.SingleSignOn;

/// <summary>
/// Turns a provider's answer (in Identity's external cookie) into a local sign-in: the person linked to that login in
/// AspNetUserLogins, else the one with that verified email (then linked), else a new person without a password. The
/// role follows the <c>groups</c> claim at every sign-in; a disabled or locked person does not get in.
/// </summary>
public sealed partial class ExternalSignIn(
    UserManager<IdentityUser> users,
    SignInManager<IdentityUser> signIn,
    IOptions<OidcOptions> options,
    ILogger<ExternalSignIn> logger)
{
    private const string LoginProviderItem = "LoginProvider";

    /// <summary>Signs the browser in, or returns the <see cref="SingleSignOnError"/> code that says why not.</summary>
    public async Task<string?> CompleteAsync(HttpContext context)
    {
        var answer = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        // The external cookie has done its job whatever happens next.
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!answer.Succeeded || answer.Properties?.Items.TryGetValue(LoginProviderItem, out var provider) != true || provider != SingleSignOn.Scheme)
            return SingleSignOnError.Failed;
        if (ExternalIdentity.From(answer.Principal) is not { } identity)
        {
            Log.NoSubject(logger);
            return SingleSignOnError.Failed;
        }

        var (user, error) = await AdmitAsync(identity);
        if (error is not null)
            return error;
        // The provider did the authentication (its own second factor included): no local two-factor step here.
        var result = await signIn.ExternalLoginSignInAsync(SingleSignOn.Scheme, identity.LoginKey, isPersistent: false, bypassTwoFactor: true);
        if (!result.Succeeded)
        {
            Log.Refused(logger, user!.Email ?? user.Id);
            return SingleSignOnError.Refused;
        }
        Log.SignedIn(logger, user!.Email ?? user.Id, await RoleOfAsync(user));
        return null;
    }

    /// <summary>
    /// The local person for <paramref name="identity"/>, found, linked or created, with the role the groups give now;
    /// or the <see cref="SingleSignOnError"/> code that says why nobody may sign in. Signs nobody in.
    /// </summary>
    public async Task<(IdentityUser? User, string? Error)> AdmitAsync(ExternalIdentity identity)
    {
        var user = await users.FindByLoginAsync(SingleSignOn.Scheme, identity.LoginKey);
        if (user is null)
        {
            var (found, error) = await LinkOrCreateAsync(identity);
            if (error is not null)
                return (null, error);
            user = found!;
        }
        // Identity's way of disabling a person is a lockout that never ends; a lockout after wrong passwords counts too.
        if (await users.IsLockedOutAsync(user))
        {
            Log.Refused(logger, user.Email ?? user.Id);
            return (null, SingleSignOnError.Refused);
        }
        if (!await SetRoleAsync(user, OidcRoles.For(identity.Groups, options.Value.AdminGroup)))
            return (null, SingleSignOnError.Failed);
        return (user, null);
    }

    private async Task<string> RoleOfAsync(IdentityUser user) => string.Join(",", await users.GetRolesAsync(user));

    private async Task<(IdentityUser? User, string? Error)> LinkOrCreateAsync(ExternalIdentity identity)
    {
        if (identity.Email is not { } email)
        {
            Log.NoEmail(logger, identity.Subject);
            return (null, SingleSignOnError.NoEmail);
        }
        var user = await users.FindByEmailAsync(email);
        if (user is not null)
        {
            // Linking hands the existing account to whoever the provider vouches for: only on a verified address.
            if (!identity.EmailVerified)
            {
                Log.EmailNotVerified(logger, email);
                return (null, SingleSignOnError.EmailNotVerified);
            }
        }
        else
        {
            user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = identity.EmailVerified };
            if (!Succeeded(await users.CreateAsync(user), "create the account of " + email))
                return (null, SingleSignOnError.Failed);
            Log.Created(logger, email);
        }
        if (!Succeeded(await users.AddLoginAsync(user, new UserLoginInfo(SingleSignOn.Scheme, identity.LoginKey, SingleSignOn.DisplayName)), "link " + email))
            return (null, SingleSignOnError.Failed);
        return (user, null);
    }

    /// <summary>Exactly one role, the one the groups give now: a person who left the admin group is a viewer at the next sign-in.</summary>
    private async Task<bool> SetRoleAsync(IdentityUser user, string role)
    {
        var current = await users.GetRolesAsync(user);
        var extra = current.Where(r => r != role).ToList();
        if (extra.Count > 0 && !Succeeded(await users.RemoveFromRolesAsync(user, extra), "set the role of " + user.Email))
            return false;
        if (!current.Contains(role) && !Succeeded(await users.AddToRoleAsync(user, role), "set the role of " + user.Email))
            return false;
        return true;
    }

    private bool Succeeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            Log.StoreRefused(logger, what, string.Join(" ", result.Errors.Select(e => e.Description)));
        return result.Succeeded;
    }
}
