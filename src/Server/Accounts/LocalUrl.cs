namespace Linkwatch.Server.Accounts;

/// <summary>Where a sign-in may send the browser back to: a path on this server, never another host (open redirect).</summary>
public static class LocalUrl
{
    public static string OrRoot(string? url) => IsLocal(url) ? url! : "/";

    /// <summary>The same test as MVC's <c>IUrlHelper.IsLocalUrl</c>: <c>/x</c> yes; <c>//host</c>, <c>/\host</c>, <c>http://host</c> no.</summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
            return false;
        if (url.Length == 1)
            return true;
        return url[1] is not ('/' or '\\') && !url.Any(char.IsControl);
    }
}
