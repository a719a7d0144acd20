using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.StaticAssets;

namespace Linkwatch.Server.Platform.Auth;

/// <summary>
/// The role policies. They name no scheme: <see cref="AuthSchemes.Select"/> already decides per path whether the
/// caller is a signed-in person (cookie) or an API key (bearer, whose principal carries its role), so a page and the
/// API endpoint behind it check the very same policy.
/// </summary>
public static class PolicySetup
{
    public static AuthorizationBuilder AddRolePolicies(this AuthorizationBuilder builder)
    {
        var view = RolePolicy(Roles.Admin, Roles.Editor, Roles.Viewer);
        return builder
            .AddPolicy(Policies.View, view)
            .AddPolicy(Policies.Edit, RolePolicy(Roles.Admin, Roles.Editor))
            .AddPolicy(Policies.Administer, RolePolicy(Roles.Admin))
            // Whatever is not marked otherwise (pages, fragments, the dashboard hub, a route added later) is for
            // signed-in people only; public endpoints opt out with AllowAnonymous or their own token policy.
            // Static assets are public (the login page needs its stylesheet), whoever maps them.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAssertion(c => IsStaticAsset(c.Resource) || HasRole(c.User, Roles.All))
                .Build());
    }

    private static bool IsStaticAsset(object? resource) =>
        resource is HttpContext context && context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;

    private static bool HasRole(System.Security.Claims.ClaimsPrincipal user, IEnumerable<string> roles) =>
        user.Identity?.IsAuthenticated == true && roles.Any(user.IsInRole);

    private static AuthorizationPolicy RolePolicy(params string[] roles) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(roles).Build();
}
