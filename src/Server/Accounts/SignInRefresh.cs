using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Linkwatch.Server.Accounts;

/// <summary>
/// A new sign-in cookie after a change on <c>/account</c> that renews the security stamp (a new password, two-factor
/// on or off). The page runs in a Blazor circuit, which cannot set cookies; without a new cookie the old one would
/// be refused at its next check (Identity compares the stamp every 30 minutes) and the person signed out. So the page
/// gets a short-lived ticket for exactly that person and stamp, and the browser trades it at
/// <see cref="Path"/> for a fresh cookie, in a <c>fetch</c> that keeps the page (and the recovery codes it shows).
/// The ticket travels in a header: a cross-site page cannot send one without CORS, which this server never allows.
/// </summary>
public sealed partial class SignInRefresh(IDataProtectionProvider protection)
{
    public const string Path = "/account/sign-in-refresh";
    public const string Header = "X-Linkwatch-Sign-In-Refresh";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Linkwatch.Accounts.SignInRefresh").ToTimeLimitedDataProtector();

    /// <summary>A ticket for the person of <paramref name="principal"/> (the circuit's), keeping how they signed in.</summary>
    public string Issue(string userId, string securityStamp, ClaimsPrincipal principal) =>
        _protector.Protect(JsonSerializer.Serialize(new Ticket(userId, securityStamp,
            principal.FindFirstValue(ClaimTypes.AuthenticationMethod), principal.FindFirstValue(AmrClaim))), Lifetime);

    /// <summary>Identity's mark of a two-factor sign-in ("mfa"), kept like <c>RefreshSignInAsync</c> keeps it.</summary>
    private const string AmrClaim = "amr";

    public static void Map(IEndpointRouteBuilder app) =>
        // No cookie needed: after an overdue stamp check the browser's old cookie is already refused; the ticket is the proof.
        app.MapPost(Path, RefreshAsync).AllowAnonymous();

    private static async Task<IResult> RefreshAsync(HttpContext context, SignInRefresh refresh, UserManager<IdentityUser> users,
        SignInManager<IdentityUser> signIn, ILogger<SignInRefresh> logger)
    {
        if (refresh.Read(context.Request.Headers[Header].ToString()) is not { } ticket)
            return TypedResults.BadRequest();
        var user = await users.FindByIdAsync(ticket.UserId);
        // A later change (another stamp) makes the ticket worthless, and so does being disabled meanwhile.
        if (user is null || await users.GetSecurityStampAsync(user) != ticket.SecurityStamp || await users.IsLockedOutAsync(user))
            return TypedResults.BadRequest();
        // Someone else signed in meanwhile in this browser: theirs is the session, not the ticket's.
        if (context.User.Identity?.IsAuthenticated == true && users.GetUserId(context.User) is { } signedIn && signedIn != ticket.UserId)
            return TypedResults.Forbid();
        var claims = new List<Claim>();
        if (ticket.AuthenticationMethod is { } method)
            claims.Add(new Claim(ClaimTypes.AuthenticationMethod, method));
        if (ticket.Amr is { } amr)
            claims.Add(new Claim(AmrClaim, amr));
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, claims);
        Log.Refreshed(logger, user.Email ?? user.Id);
        return TypedResults.NoContent();
    }

    private Ticket? Read(string protectedTicket)
    {
        if (string.IsNullOrEmpty(protectedTicket))
            return null;
        try
        {
            return JsonSerializer.Deserialize<Ticket>(_protector.Unprotect(protectedTicket));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }

    private sealed record Ticket(string UserId, string SecurityStamp, string? AuthenticationMethod, string? Amr);
}
