namespace Linkwatch.Shared;

/// <summary>How a check kind writes its target.</summary>
public enum TargetForm
{
    /// <summary><c>host:port</c>, <c>[ipv6]:port</c> or <c>ipv4:port</c>.</summary>
    HostPort,
    /// <summary>An absolute URL: http(s) for <c>http</c>, ws(s) for <c>websocket</c>.</summary>
    Url,
    /// <summary>A host name or address.</summary>
    Name,
    /// <summary>No target at all (<c>push</c>: the server issues a URL instead).</summary>
    None,
}
