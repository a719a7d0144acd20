using System.Globalization;
using System.Security.Claims;

namespace Linkwatch.Server.Platform.Auth;

public static class PrincipalExtensions
{
    /// <summary>The agent behind an agent principal (the "agent" policy guarantees both claims).</summary>
    public static (long Id, string Name) GetAgent(this ClaimsPrincipal? user)
    {
        var id = user?.FindFirst(AuthPolicies.AgentIdClaim)?.Value
            ?? throw new InvalidOperationException("not an agent principal");
        var name = user.FindFirst(AuthPolicies.AgentNameClaim)?.Value
            ?? throw new InvalidOperationException("not an agent principal");
        return (long.Parse(id, CultureInfo.InvariantCulture), name);
    }

    /// <summary>The person behind a cookie or an API key; null for the bootstrap key, agents and tokens.</summary>
    public static string? GetUserId(this ClaimsPrincipal? user) =>
        user?.FindFirst(ClaimTypes.NameIdentifier)?.Value is { Length: > 0 } id ? id : null;
}
