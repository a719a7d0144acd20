namespace Linkwatch.Server.Platform.Options;

/// <summary>The <c>Server</c> section: how the server is reached from outside.</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>The URL users and agents reach the server at, when a reverse proxy stands in front of it.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// Addresses of reverse proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> headers are believed. Empty: no
    /// one's, so a client cannot pretend to be https or another address.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];
}
