using System.Security.Claims;

namespace Linkwatch.Server.Platform.Audit;

/// <summary>
/// Who is changing things in this scope, as the audit log names them: the person (their email) behind a sign-in or an
/// API key, "bootstrap key", an agent, or "system" for the server's own work. A request's scope reads its user; a
/// dashboard change, which has no request, says whose circuit it is with <see cref="Set"/>.
/// </summary>
public sealed class AuditActor(IHttpContextAccessor http)
{
    public const string System = "system";
    public const string BootstrapKey = "bootstrap key";

    private string? _name;

    public void Set(ClaimsPrincipal user) => _name = NameOf(user);

    public string Name => _name ?? (http.HttpContext?.User is { Identity.IsAuthenticated: true } user ? NameOf(user) : System);

    public static string NameOf(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
            return System;
        if (user.FindFirstValue(ClaimTypes.Email) is { Length: > 0 } email)
            return email;
        return user.FindFirstValue(AuthPolicies.KindClaim) switch
        {
            AuthPolicies.Api => BootstrapKey,
            AuthPolicies.Agent => "agent " + user.FindFirstValue(AuthPolicies.AgentNameClaim),
            AuthPolicies.Enroll => "enrollment",
            _ => user.Identity.Name ?? System,
        };
    }
}
