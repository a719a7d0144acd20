namespace Linkwatch.Shared.Kinds;

/// <summary>
/// The <c>proxy</c> option of the kinds that speak HTTP: an HTTP CONNECT proxy as <c>http://host:port</c>.
/// Checks use a proxy only when told to; the environment's <c>HTTPS_PROXY</c> never applies.
/// </summary>
public static class ProxyOption
{
    public const string Name = "proxy";

    /// <summary>Reads and validates the option; null when not given or invalid (the error is recorded).</summary>
    public static Uri? Read(CheckOptionReader reader)
    {
        var text = reader.GetNonEmptyString(Name);
        if (text is null)
            return null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var proxy) || proxy.Scheme != Uri.UriSchemeHttp || proxy.Host.Length == 0
            || proxy.AbsolutePath != "/" || proxy.Query.Length > 0 || proxy.Fragment.Length > 0)
        {
            reader.AddError(Name, $"{Name} must be an HTTP proxy URL like http://proxy.example:3128, not '{text}'");
            return null;
        }
        // Credentials in the URL would be shown wherever the check is (GET, the audit log, messages).
        if (proxy.UserInfo.Length > 0)
        {
            reader.AddError(Name, $"{Name} must not hold credentials");
            return null;
        }
        return proxy;
    }
}
