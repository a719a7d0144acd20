using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Linkwatch.Server.Platform.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Platform.Auth;

/// <summary>
/// One scheme for every bearer token (on the paths <see cref="AuthSchemes"/> gives it): the API bootstrap key, the shared
/// enrollment token, single-use enrollment tokens and agent credentials.
/// Unknown, wrong or revoked tokens never authenticate, so the hub and endpoints never run for them.
/// </summary>
public sealed partial class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<ApiOptions> api,
    IOptionsMonitor<EnrollmentOptions> enrollment)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "LinkwatchBearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken();
        if (token is null)
            return AuthenticateResult.NoResult();

        if (api.CurrentValue.BootstrapKey is { Length: > 0 } key && Credentials.SecretEquals(token, key))
            // The bootstrap key has no person behind it; it acts as an admin so that a fresh server can be set up.
            return Success(AuthPolicies.Api, new Claim(ClaimTypes.Role, Roles.Admin));
        if (enrollment.CurrentValue.Token is { Length: > 0 } enroll && Credentials.SecretEquals(token, enroll))
            return Success(AuthPolicies.Enroll);
        if (Credentials.TryParseApiKeyId(token, out var keyId))
            return await AuthenticateApiKeyAsync(token, keyId);
        if (Credentials.TryParseEnrollmentTokenId(token, out var tokenId))
            return await AuthenticateEnrollmentTokenAsync(token, tokenId);
        if (Credentials.TryParseAgentId(token, out var agentId))
        {
            var db = Context.RequestServices.GetRequiredService<Platform.Store.LinkwatchDbContext>();
            var agent = await db.Agents.AsNoTracking()
                .Where(a => a.Id == agentId)
                .Select(a => new { a.Name, a.CredentialHash, a.Revoked })
                .FirstOrDefaultAsync(Context.RequestAborted);
            if (agent is not null && Credentials.MatchesHash(token, agent.CredentialHash))
            {
                if (agent.Revoked)
                {
                    Log.RevokedAgent(Logger, agent.Name);
                    return AuthenticateResult.Fail("credential revoked");
                }
                return Success(AuthPolicies.Agent,
                    new Claim(AuthPolicies.AgentIdClaim, agentId.ToString(CultureInfo.InvariantCulture)),
                    new Claim(AuthPolicies.AgentNameClaim, agent.Name));
            }
        }
        Log.UnknownToken(Logger, Request.Path);
        return AuthenticateResult.Fail("unknown token");
    }

    /// <summary>
    /// A minted token authenticates while it is unused and unexpired; it is spent by the enrollment itself, atomically,
    /// so this check only turns away what can no longer succeed.
    /// </summary>
    private async Task<AuthenticateResult> AuthenticateEnrollmentTokenAsync(string token, long tokenId)
    {
        var db = Context.RequestServices.GetRequiredService<Platform.Store.LinkwatchDbContext>();
        var row = await db.EnrollmentTokens.AsNoTracking()
            .Where(t => t.Id == tokenId)
            .Select(t => new { t.TokenHash, t.ExpiresAt, t.UsedAt })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (row is null || !Credentials.MatchesHash(token, row.TokenHash))
        {
            Log.UnknownToken(Logger, Request.Path);
            return AuthenticateResult.Fail("unknown token");
        }
        var now = Context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds();
        if (row.UsedAt is not null || row.ExpiresAt <= now)
        {
            Log.UnusableEnrollmentToken(Logger, tokenId, row.UsedAt is not null);
            return AuthenticateResult.Fail("enrollment token spent or expired");
        }
        return Success(AuthPolicies.Enroll, new Claim(AuthPolicies.EnrollmentTokenIdClaim, tokenId.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// A person's key acts with that person's role as it is now: a changed role applies at the next request, and the
    /// key of a disabled or deleted person no longer authenticates at all (401).
    /// </summary>
    private async Task<AuthenticateResult> AuthenticateApiKeyAsync(string token, long keyId)
    {
        var db = Context.RequestServices.GetRequiredService<Platform.Store.LinkwatchDbContext>();
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.Id == keyId)
            .Select(k => new { k.KeyHash, k.UserId, k.LastUsedAt }).FirstOrDefaultAsync(Context.RequestAborted);
        if (key is null || !Credentials.MatchesHash(token, key.KeyHash))
        {
            Log.UnknownToken(Logger, Request.Path);
            return AuthenticateResult.Fail("unknown token");
        }
        var user = await db.Users.AsNoTracking().Where(u => u.Id == key.UserId)
            .Select(u => new { u.Email, u.LockoutEnd }).FirstOrDefaultAsync(Context.RequestAborted);
        if (user is null || AccountStates.IsDisabled(user.LockoutEnd))
        {
            Log.DisabledKey(Logger, keyId);
            return AuthenticateResult.Fail("the key's user is disabled or gone");
        }
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == key.UserId select r.Name)
            .ToListAsync(Context.RequestAborted);
        var now = Context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds();
        // "Last used" to the minute: one write a minute per key at most, not one per request.
        if (key.LastUsedAt is not { } last || now - last > 60_000)
            await db.ApiKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        return Success(AuthPolicies.Api,
        [
            new Claim(AuthPolicies.ApiKeyIdClaim, keyId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.NameIdentifier, key.UserId),
            new Claim(ClaimTypes.Email, user.Email ?? ""),
            .. roles.OfType<string>().Select(r => new Claim(ClaimTypes.Role, r)),
        ]);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, "A valid bearer token is required.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "This token may not use this endpoint.");

    private string? ReadToken()
    {
        string? header = Request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header["Bearer ".Length..].Trim() is { Length: > 0 } t ? t : null;
        // Browsers' WebSocket API cannot set headers, so the hub (only) also takes the query string.
        if (Request.Path.StartsWithSegments(HubPaths.Agent) && Request.Query["access_token"].ToString() is { Length: > 0 } q)
            return q;
        return null;
    }

    private AuthenticateResult Success(string kind, params Claim[] extra)
    {
        var identity = new ClaimsIdentity([new Claim(AuthPolicies.KindClaim, kind), .. extra], SchemeName,
            AuthPolicies.AgentNameClaim, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private async Task WriteProblemAsync(int status, string detail)
    {
        Response.StatusCode = status;
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }
}
