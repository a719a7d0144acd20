namespace Linkwatch.Agent.Link;

/// <summary>
/// The HTTP proxy of the agent's own link to the server (enroll and the hub's WebSocket, tunnelled with CONNECT): the one
/// stored by <c>enroll --proxy</c>, else <c>HTTPS_PROXY</c>/<c>https_proxy</c> unless <c>NO_PROXY</c>/<c>no_proxy</c>
/// names the server. Checks never use it: their handlers have no proxy unless a check asks for one.
/// </summary>
public static class LinkProxy
{
    /// <summary>Routes <paramref name="handler"/> through the link's proxy for <paramref name="server"/>, or through none.</summary>
    public static void Apply(SocketsHttpHandler handler, string server, string? storedProxy)
    {
        var proxy = Choose(server, storedProxy, Environment.GetEnvironmentVariable);
        handler.UseProxy = proxy is not null;
        handler.Proxy = proxy is null ? null : Create(proxy);
    }

    /// <summary>The proxy URL to use for <paramref name="server"/>, or null; <paramref name="environment"/> reads a variable.</summary>
    public static Uri? Choose(string server, string? storedProxy, Func<string, string?> environment)
    {
        if (storedProxy is { Length: > 0 })
            return Parse(storedProxy, out var stored, out _) ? stored : null;
        var fromEnvironment = environment("HTTPS_PROXY") is { Length: > 0 } upper ? upper : environment("https_proxy");
        if (fromEnvironment is not { Length: > 0 } || !Parse(fromEnvironment, out var uri, out _))
            return null;
        var noProxy = environment("NO_PROXY") is { Length: > 0 } n ? n : environment("no_proxy");
        return Uri.TryCreate(server, UriKind.Absolute, out var serverUri) && Bypassed(serverUri.Host, noProxy) ? null : uri;
    }

    /// <summary>An <c>http://host:port</c> proxy URL (user:password@ allowed); <paramref name="error"/> says what is wrong.</summary>
    public static bool Parse(string text, out Uri? proxy, out string? error)
    {
        // The common HTTPS_PROXY=host:port form means http.
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.Host.Length == 0
            || uri.AbsolutePath is not ("/" or "") || uri.Query.Length > 0)
        {
            proxy = null;
            error = $"'{Redacted(text)}' must be an http://host:port proxy URL";
            return false;
        }
        proxy = uri;
        error = null;
        return true;
    }

    /// <summary>A proxy URL safe to print: its password is replaced.</summary>
    public static string Redacted(string text)
    {
        var at = text.LastIndexOf('@');
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var colon = text.IndexOf(':', scheme < 0 ? 0 : scheme + 3);
        return at > 0 && colon > 0 && colon < at ? text[..(colon + 1)] + "***" + text[at..] : text;
    }

    private static System.Net.WebProxy Create(Uri uri)
    {
        var proxy = new System.Net.WebProxy(new Uri(uri.GetLeftPart(UriPartial.Authority).Replace(uri.UserInfo + "@", "", StringComparison.Ordinal)));
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            var user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            var password = colon < 0 ? "" : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            proxy.Credentials = new NetworkCredential(user, password);
        }
        return proxy;
    }

    /// <summary>NO_PROXY: comma-separated host names or domain suffixes (<c>.example.com</c> or <c>example.com</c>), <c>*</c> for all.</summary>
    private static bool Bypassed(string host, string? noProxy)
    {
        if (noProxy is not { Length: > 0 })
            return false;
        host = host.Trim('[', ']');
        foreach (var raw in noProxy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var entry = raw.TrimStart('.').Trim('[', ']');
            var colon = entry.LastIndexOf(':');
            if (colon > 0 && !entry.Contains("::", StringComparison.Ordinal) && entry.Count(c => c == ':') == 1)
                entry = entry[..colon];
            if (entry == "*" || host.Equals(entry, StringComparison.OrdinalIgnoreCase)
                || host.EndsWith("." + entry, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
