using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Linkwatch.Server.Accounts;

/// <summary>
/// <c>/api/api-keys</c>: every person manages their own keys, admins everyone's. A key is shown once, stored hashed,
/// acts with its person's current role, and is revoked by deleting it. The bootstrap key, having no person, must
/// name <c>userId</c>.
/// </summary>
public static class ApiKeysApi
{
    public sealed record ApiKeyBody(string? Name, string? UserId);

    public sealed record ApiKeyDto(long Id, string Name, string UserId, string? User, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

    public sealed record CreatedApiKey(long Id, string Name, string Key, string UserId, DateTimeOffset CreatedAt);

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/api-keys").RequireAuthorization(Policies.View);
        api.MapPost("/", CreateAsync).WithValidation<ApiKeyBody, ApiKeyValidator>();
        api.MapGet("/", ListAsync);
        api.MapDelete("/{id:long}", DeleteAsync);
        return app;
    }

    public static async Task<Results<Created<CreatedApiKey>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Valid<ApiKeyBody> body, ClaimsPrincipal user, LinkwatchDbContext db, UserManager<IdentityUser> users, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = user.GetUserId();
        var owner = body.Value.UserId is { Length: > 0 } named ? named : caller;
        if (owner is null)
            return ValidationErrors.Of("userId", "userId is required with the bootstrap key: it belongs to no one").ToProblem();
        if (owner != caller && !user.IsInRole(Roles.Admin))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "only admins make keys for other people");
        if (await users.FindByIdAsync(owner) is null)
            return ValidationErrors.Of("userId", $"no user with id {owner}").ToProblem();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // The key embeds its id, so the row is stored first with a hash nothing matches.
        var key = new ApiKey { UserId = owner, Name = body.Value.Name!.Trim(), KeyHash = "", CreatedAt = now };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        var secret = Credentials.IssueApiKey(key.Id);
        key.KeyHash = Credentials.Hash(secret);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/api-keys/{key.Id}", new CreatedApiKey(key.Id, key.Name, secret, owner, DateTimeOffset.FromUnixTimeMilliseconds(now)));
    }

    /// <summary>Admins see every key, others their own; never the key itself.</summary>
    public static async Task<Ok<List<ApiKeyDto>>> ListAsync(ClaimsPrincipal user, LinkwatchDbContext db, CancellationToken cancellationToken)
    {
        var caller = user.GetUserId();
        var keys = db.ApiKeys.AsNoTracking();
        if (!user.IsInRole(Roles.Admin))
            keys = keys.Where(k => k.UserId == caller);
        var rows = await (from k in keys join u in db.Users on k.UserId equals u.Id into owners from u in owners.DefaultIfEmpty()
                          orderby k.Id descending select new { k, u.Email }).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => new ApiKeyDto(r.k.Id, r.k.Name, r.k.UserId, r.Email,
            DateTimeOffset.FromUnixTimeMilliseconds(r.k.CreatedAt), Time.FromMs(r.k.LastUsedAt))).ToList());
    }

    /// <summary>Revokes the key at once: the next request with it is 401.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, ClaimsPrincipal user, LinkwatchDbContext db, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
            return Problems.NotFound("API key", id);
        if (key.UserId != user.GetUserId() && !user.IsInRole(Roles.Admin))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "only admins revoke other people's keys");
        db.ApiKeys.Remove(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public sealed class ApiKeyValidator : IBodyValidator<ApiKeyBody>
    {
        public ValueTask ValidateAsync(ApiKeyBody body, ValidationErrors errors, CancellationToken cancellationToken)
        {
            errors.Name(body.Name);
            return ValueTask.CompletedTask;
        }
    }
}
