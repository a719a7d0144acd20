using System.Security.Cryptography;
using Linkwatch.Server.Platform.Options;
using static Linkwatch.Server.Checks.ChecksApi;

namespace Linkwatch.Server.Push;

/// <summary>A push check's secret URL: a random token under <see cref="Prefix"/>, made absolute for the people who may see it.</summary>
public static class PushUrls
{
    public const string Prefix = "/api/push/";

    /// <summary>256 random bits, URL-safe: unguessable, and short enough for a crontab line.</summary>
    public const int TokenBytes = 32;

    /// <summary>A token is exactly this long; anything else is not looked up.</summary>
    public static readonly int TokenLength = Base64UrlLength(TokenBytes);

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(TokenBytes))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string PathOf(string token) => Prefix + token;

    /// <summary>
    /// The check as the caller may see it: an absolute push URL (from <c>Server:PublicUrl</c>, else the request's scheme
    /// and host) for editors and admins, none for viewers, who could otherwise report on a job's behalf.
    /// </summary>
    public static CheckDto Shown(CheckDto check, HttpContext http, ServerOptions server)
    {
        if (check.PushUrl is not { } path)
            return check;
        if (!(http.User.IsInRole(Roles.Admin) || http.User.IsInRole(Roles.Editor)))
            return check with { PushUrl = null };
        return check with { PushUrl = Absolute(path, server.PublicUrl ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}") };
    }

    public static string Absolute(string path, string baseUrl) => baseUrl.TrimEnd('/') + path;

    private static int Base64UrlLength(int bytes) => (bytes * 4 + 2) / 3;
}
