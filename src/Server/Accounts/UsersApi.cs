using System.Globalization;
using System.Net.Mail;
using System.Security.Claims;
using Linkwatch.Server.Platform.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Linkwatch.Server.Accounts;

/// <summary>
/// <c>/api/users</c>, admins only: people, their role, disabling, password resets. The last enabled admin cannot be
/// demoted, disabled or deleted (409), so the installation always keeps someone who can manage it. Deleting a person
/// deletes their API keys. Every change is in the audit log.
/// </summary>
public static class UsersApi
{
    public const string CreatedAtClaim = "lw:created-at";

    /// <summary>POST takes email, password, role; PUT the same with <c>disabled</c>, and a password only to reset it.</summary>
    public sealed record UserBody(string? Email, string? Password, string? Role, bool? Disabled = null);

    public sealed record UserDto(string Id, string Email, string Role, bool Disabled, bool TwoFactor, DateTimeOffset? CreatedAt);

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users").RequireAuthorization(Policies.Administer);
        api.MapPost("/", CreateAsync).WithValidation<UserBody, NewUserValidator>();
        api.MapGet("/", ListAsync);
        api.MapGet("/{id}", GetAsync);
        api.MapPut("/{id}", UpdateAsync).WithValidation<UserBody, UserValidator>();
        api.MapDelete("/{id}", DeleteAsync);
        return app;
    }

    public static async Task<Results<Created<UserDto>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        Valid<UserBody> body, UserManager<IdentityUser> users, LinkwatchDbContext db, AuditActor actor, TimeProvider time)
    {
        var b = body.Value;
        var email = b.Email!.Trim();
        if (await users.FindByEmailAsync(email) is not null)
            return Problems.Conflict("email", $"a user with email '{email}' exists already");
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        if (Refused(await users.CreateAsync(user, b.Password!), "password") is { } refused)
            return refused;
        await users.AddToRoleAsync(user, b.Role!);
        await users.AddClaimAsync(user, new Claim(CreatedAtClaim, time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        if (b.Disabled == true)
            await users.SetLockoutEndDateAsync(user, AccountStates.DisabledUntil);
        await AuditAsync(db, actor, time, "created", user, $"role: {b.Role}{(b.Disabled == true ? "; disabled" : "")}");
        return TypedResults.Created($"/api/users/{user.Id}", await ToDtoAsync(users, user));
    }

    public static async Task<Ok<List<UserDto>>> ListAsync(UserManager<IdentityUser> users, CancellationToken cancellationToken)
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var list = new List<UserDto>(all.Count);
        foreach (var user in all)
            list.Add(await ToDtoAsync(users, user));
        return TypedResults.Ok(list);
    }

    public static async Task<Results<Ok<UserDto>, ProblemHttpResult>> GetAsync(string id, UserManager<IdentityUser> users) =>
        await users.FindByIdAsync(id) is { } user ? TypedResults.Ok(await ToDtoAsync(users, user)) : NotFound(id);

    /// <summary>Replaces email, role and disabled; a password in the body resets it (and signs the person out everywhere).</summary>
    public static async Task<Results<Ok<UserDto>, ProblemHttpResult, ValidationProblem>> UpdateAsync(
        string id, Valid<UserBody> body, UserManager<IdentityUser> users, LinkwatchDbContext db, AuditActor actor, TimeProvider time)
    {
        var b = body.Value;
        if (await users.FindByIdAsync(id) is not { } user)
            return NotFound(id);
        var before = await ToDtoAsync(users, user);
        var email = b.Email!.Trim();
        if (!string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase) && await users.FindByEmailAsync(email) is not null)
            return Problems.Conflict("email", $"a user with email '{email}' exists already");
        var disabled = b.Disabled == true;
        if (before.Role == Roles.Admin && !before.Disabled && (b.Role != Roles.Admin || disabled) && await EnabledAdminsAsync(users) <= 1)
            return Problems.Conflict(b.Role != Roles.Admin ? "role" : "disabled", "this is the last enabled admin: make another admin first");

        var changes = new List<string>();
        if (email != user.Email)
        {
            user.Email = email;
            user.UserName = email;
            changes.Add($"email: {before.Email} → {email}");
            if (Refused(await users.UpdateAsync(user), "email") is { } refused)
                return refused;
        }
        if (b.Role != before.Role)
        {
            await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
            await users.AddToRoleAsync(user, b.Role!);
            changes.Add($"role: {before.Role} → {b.Role}");
        }
        if (disabled != before.Disabled)
        {
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, disabled ? AccountStates.DisabledUntil : null);
            changes.Add(disabled ? "disabled" : "enabled");
        }
        if (b.Password is { Length: > 0 } password)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            if (Refused(await users.ResetPasswordAsync(user, token, password), "password") is { } refused)
                return refused;
            changes.Add("password reset");
        }
        if (disabled || b.Password is { Length: > 0 } || b.Role != before.Role)
            // Signed-in browsers are re-checked against the stamp: a disabled person, or one whose role changed, is sent back.
            await users.UpdateSecurityStampAsync(user);
        if (changes.Count > 0)
            await AuditAsync(db, actor, time, "updated", user, string.Join("; ", changes));
        return TypedResults.Ok(await ToDtoAsync(users, user));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, UserManager<IdentityUser> users, LinkwatchDbContext db, AuditActor actor, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } user)
            return NotFound(id);
        var dto = await ToDtoAsync(users, user);
        if (dto.Role == Roles.Admin && !dto.Disabled && await EnabledAdminsAsync(users) <= 1)
            return Problems.Conflict("id", "this is the last enabled admin: make another admin first");
        db.ApiKeys.RemoveRange(await db.ApiKeys.Where(k => k.UserId == id).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await users.DeleteAsync(user);
        await AuditAsync(db, actor, time, "deleted", user, $"role: {dto.Role}; their API keys deleted");
        return TypedResults.NoContent();
    }

    public static async Task<UserDto> ToDtoAsync(UserManager<IdentityUser> users, IdentityUser user)
    {
        var roles = await users.GetRolesAsync(user);
        var created = (await users.GetClaimsAsync(user)).FirstOrDefault(c => c.Type == CreatedAtClaim)?.Value;
        return new UserDto(user.Id, user.Email ?? user.UserName ?? "", roles.FirstOrDefault() ?? Roles.Viewer, AccountStates.IsDisabled(user.LockoutEnd),
            user.TwoFactorEnabled, long.TryParse(created, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    private static async Task<int> EnabledAdminsAsync(UserManager<IdentityUser> users) =>
        (await users.GetUsersInRoleAsync(Roles.Admin)).Count(u => !AccountStates.IsDisabled(u.LockoutEnd));

    /// <summary>People are changed through Identity, not the change tracker of a config object: their entries are written here.</summary>
    private static async Task AuditAsync(LinkwatchDbContext db, AuditActor actor, TimeProvider time, string action, IdentityUser user, string summary)
    {
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow().ToUnixTimeMilliseconds(), Actor = actor.Name, Action = action, Kind = "user", ObjectId = user.Id,
            ObjectName = user.Email, Summary = summary,
        });
        await db.SaveChangesAsync();
    }

    private static ValidationProblem? Refused(IdentityResult result, string field) =>
        result.Succeeded ? null : ValidationErrors.Of(field, string.Join(" ", result.Errors.Select(e => e.Description))).ToProblem();

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no user with id {id}");

    /// <summary>The body of PUT: a password only when it is being reset.</summary>
    public sealed class UserValidator : IBodyValidator<UserBody>
    {
        public ValueTask ValidateAsync(UserBody body, ValidationErrors errors, CancellationToken cancellationToken)
        {
            Validate(body, errors, passwordRequired: false);
            return ValueTask.CompletedTask;
        }

        public static void Validate(UserBody body, ValidationErrors errors, bool passwordRequired)
        {
            var email = body.Email?.Trim();
            if (string.IsNullOrEmpty(email))
                errors.Set("email", "email is required");
            else if (email.Length > 254 || !MailAddress.TryCreate(email, out var address) || address.Address != email)
                errors.Set("email", $"email '{email}' is not an email address");
            if (body.Password is null or "" && passwordRequired)
                errors.Set("password", $"password is required: at least {AccountRules.MinPasswordLength} characters");
            else if (body.Password is { Length: > 0 and < AccountRules.MinPasswordLength })
                errors.Set("password", $"password must be at least {AccountRules.MinPasswordLength} characters");
            else if (body.Password is { Length: > 1024 })
                errors.Set("password", "password must be at most 1024 characters");
            if (body.Role is null || !Roles.All.Contains(body.Role))
                errors.Set("role", $"role must be one of: {string.Join(", ", Roles.All)}");
        }
    }

    /// <summary>The body of POST: a new person needs a password.</summary>
    public sealed class NewUserValidator : IBodyValidator<UserBody>
    {
        public ValueTask ValidateAsync(UserBody body, ValidationErrors errors, CancellationToken cancellationToken)
        {
            UserValidator.Validate(body, errors, passwordRequired: true);
            return ValueTask.CompletedTask;
        }
    }
}
