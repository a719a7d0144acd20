using System.Security.Claims;
using Linkwatch.Server.Accounts.TwoFactor;
using Microsoft.AspNetCore.Identity;

namespace Linkwatch.Server.Accounts;

/// <summary>
/// What a signed-in person may change about their own account on <c>/account</c>: the password, and two-factor sign-in
/// (the authenticator key, turning it on with a first code, off again, new recovery codes). It acts only on the
/// person of the principal it is given (the circuit's), never on someone chosen by the page. Each call gets a DI
/// scope of its own, so a fresh look at the store: the circuit lives long, and sign-ins elsewhere change the row.
/// A change that renews the security stamp returns a <see cref="SignInRefresh"/> ticket for the page to trade.
/// </summary>
public sealed partial class OwnAccount(IServiceScopeFactory scopes, AdminPasswordFile adminPassword, SignInRefresh refresh, ILogger<OwnAccount> logger)
{
    public const string CurrentPasswordField = "currentPassword";
    public const string NewPasswordField = "newPassword";
    public const string ConfirmPasswordField = "confirmPassword";
    public const string CodeField = "code";

    public async Task<AccountState?> ReadAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.GetUserAsync(principal) is not { } user)
            return null;
        return new AccountState(
            user.Email ?? user.UserName ?? "",
            [.. await users.GetRolesAsync(user)],
            await users.HasPasswordAsync(user),
            await users.GetTwoFactorEnabledAsync(user),
            await users.CountRecoveryCodesAsync(user),
            (await users.GetLoginsAsync(user)).Count > 0);
    }

    public async Task<AccountChange> ChangePasswordAsync(ClaimsPrincipal principal, string current, string next, string confirm)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(current))
            errors[CurrentPasswordField] = "Enter your current password.";
        if (next.Length < AccountRules.MinPasswordLength)
            errors[NewPasswordField] = $"The new password must be at least {AccountRules.MinPasswordLength} characters.";
        else if (next != confirm)
            errors[ConfirmPasswordField] = "The two new passwords differ.";
        if (errors.Count > 0)
            return AccountChange.Refused(errors);

        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("the signed-in person no longer exists");
        // The current password is guessed against the same lockout as the sign-in form, so a browser left signed in
        // cannot be used to try passwords without limit.
        if (await users.IsLockedOutAsync(user))
            return AccountChange.Refused(CurrentPasswordField, $"Too many failed attempts: this account is locked for {AccountRules.LockoutMinutes} minutes.");
        if (!await users.CheckPasswordAsync(user, current))
        {
            await users.AccessFailedAsync(user);
            return AccountChange.Refused(CurrentPasswordField, "This is not your current password.");
        }
        var changed = await users.ChangePasswordAsync(user, current, next);
        if (!changed.Succeeded)
            return AccountChange.Refused(NewPasswordField, string.Join(" ", changed.Errors.Select(e => e.Description)));
        await users.ResetAccessFailedCountAsync(user);
        var forgotten = await adminPassword.ForgetIfItHoldsAsync(current, CancellationToken.None);
        Log.PasswordChanged(logger, user.Email ?? user.Id, forgotten);
        return AccountChange.Done(await TicketAsync(users, user, principal));
    }

    /// <summary>The key to show while two-factor is being set up; a person without one gets a new one.</summary>
    public async Task<(AuthenticatorSetup Setup, string? Ticket)> AuthenticatorAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("the signed-in person no longer exists");
        string? ticket = null;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A new key renews the security stamp.
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("no authenticator key was stored");
            ticket = await TicketAsync(users, user, principal);
        }
        var uri = Authenticator.Uri(user.Email ?? user.UserName ?? user.Id, key);
        return (new AuthenticatorSetup(Authenticator.FormatKey(key), uri, Authenticator.QrCodeDataUri(uri)), ticket);
    }

    /// <summary>Turns two-factor on once the app has shown it can make a right code; returns the recovery codes (shown once).</summary>
    public async Task<AccountChange> EnableTwoFactorAsync(ClaimsPrincipal principal, string code)
    {
        var (isCode, compact) = Authenticator.Normalize(code);
        if (!isCode)
            return AccountChange.Refused(CodeField, $"Enter the {Authenticator.CodeDigits}-digit code your authenticator app shows.");
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("the signed-in person no longer exists");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, compact))
            return AccountChange.Refused(CodeField, "This code is not valid. Check that the app's clock is right and try the newest code.");
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, Authenticator.RecoveryCodeCount);
        Log.TwoFactorEnabled(logger, user.Email ?? user.Id);
        return AccountChange.Done(await TicketAsync(users, user, principal), [.. codes ?? []]);
    }

    /// <summary>Turns two-factor off and drops the key and recovery codes, so turning it on again starts with a new key.</summary>
    public async Task<AccountChange> DisableTwoFactorAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("the signed-in person no longer exists");
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        Log.TwoFactorDisabled(logger, user.Email ?? user.Id);
        return AccountChange.Done(await TicketAsync(users, user, principal));
    }

    /// <summary>New recovery codes; the old ones stop working.</summary>
    public async Task<AccountChange> RegenerateRecoveryCodesAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("the signed-in person no longer exists");
        if (!await users.GetTwoFactorEnabledAsync(user))
            return AccountChange.Refused(CodeField, "Two-factor sign-in is off: there are no recovery codes to replace.");
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, Authenticator.RecoveryCodeCount);
        Log.RecoveryCodesRenewed(logger, user.Email ?? user.Id);
        return AccountChange.Done(null, [.. codes ?? []]);
    }

    private async Task<string> TicketAsync(UserManager<IdentityUser> users, IdentityUser user, ClaimsPrincipal principal) =>
        refresh.Issue(user.Id, await users.GetSecurityStampAsync(user), principal);

    private static UserManager<IdentityUser> Users(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
}

/// <summary>The person as <c>/account</c> shows them.</summary>
public sealed record AccountState(string Email, IReadOnlyList<string> Roles, bool HasPassword, bool TwoFactorEnabled, int RecoveryCodesLeft, bool SingleSignOn);

/// <summary>The key as text in groups of four, the <c>otpauth://</c> URI and its QR code.</summary>
public sealed record AuthenticatorSetup(string FormattedKey, string Uri, string QrCode);

/// <summary>
/// A change's outcome: errors by field, or done, with the <see cref="SignInRefresh"/> ticket when the security stamp
/// was renewed and the recovery codes when new ones were made.
/// </summary>
public sealed record AccountChange(IReadOnlyDictionary<string, string> Errors, string? RefreshTicket, IReadOnlyList<string>? RecoveryCodes)
{
    public bool Succeeded => Errors.Count == 0;

    public static AccountChange Done(string? ticket, IReadOnlyList<string>? codes = null) => new(new Dictionary<string, string>(), ticket, codes);

    public static AccountChange Refused(IReadOnlyDictionary<string, string> errors) => new(errors, null, null);

    public static AccountChange Refused(string field, string message) => new(new Dictionary<string, string> { [field] = message }, null, null);
}
