using Microsoft.AspNetCore.Identity;

namespace Linkwatch.Server.Platform.Auth;

/// <summary>
/// Which credential a request may use is decided by its path, not by what it happens to carry: the API,
/// <c>/metrics</c> and the agent hub take bearer tokens only (a browser's cookie must never drive the API,
/// which has no antiforgery), and everything else, pages and the dashboard hub, takes the sign-in cookie only.
/// </summary>
public static class AuthSchemes
{
    /// <summary>The default scheme: forwards to <see cref="Bearer"/> or <see cref="Cookie"/> by path.</summary>
    public const string ByPath = "LinkwatchByPath";
    public const string Bearer = BearerAuthenticationHandler.SchemeName;
    public static readonly string Cookie = IdentityConstants.ApplicationScheme;

    public static bool IsBearerPath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments(Metrics.MetricsApi.Path) || path.StartsWithSegments(HubPaths.Agent);

    public static string Select(HttpContext context) => IsBearerPath(context.Request.Path) ? Bearer : Cookie;
}
