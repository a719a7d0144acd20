using Microsoft.AspNetCore.Authorization;

namespace Linkwatch.Server.Platform.OpenApi;

/// <summary>
/// The credential an endpoint takes, read from its authorization metadata as the server enforces it: anonymous
/// endpoints take none, <c>/api/enroll</c> an enrollment token, everything else an API key of some role (an endpoint
/// with no policy of its own falls back to "any signed-in role", which for an API key means any key).
/// </summary>
internal sealed record ApiAccess(string? Scheme, string Description)
{
    public static ApiAccess Of(IEnumerable<object> metadata)
    {
        var items = metadata.ToList();
        if (items.OfType<IAllowAnonymous>().Any())
            return new ApiAccess(null, "Anonymous: no credential is needed.");
        var policies = items.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (policies.Contains(AuthPolicies.Enroll))
            return new ApiAccess(ApiComponents.EnrollmentTokenScheme, "Takes an enrollment token as its bearer token, never an API key.");
        var roles = policies.Contains(Policies.Administer) ? "admin"
            : policies.Contains(Policies.Edit) ? "editor or admin"
            : "any role (viewer, editor, admin)";
        return new ApiAccess(ApiComponents.ApiKeyScheme, $"Needs an API key of {roles}.");
    }
}
