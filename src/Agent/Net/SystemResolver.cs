namespace Linkwatch.Agent.Net;

/// <summary>
/// The operating system's resolver (getaddrinfo and nsswitch), so <c>*.local</c> names resolve
/// through mDNS exactly as they do for every other program on the host.
/// </summary>
public sealed class SystemResolver : IHostResolver
{
    public static SystemResolver Instance { get; } = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        // WaitAsync: where getaddrinfo cannot be cancelled, the deadline must still win.
        System.Net.Dns.GetHostAddressesAsync(host, cancellationToken).WaitAsync(cancellationToken);
}
