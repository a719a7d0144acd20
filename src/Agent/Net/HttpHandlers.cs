namespace Linkwatch.Agent.Net;

/// <summary>HTTP handlers whose connections go through the agent's single dial path.</summary>
public static class HttpHandlers
{
    /// <summary>
    /// A handler for the agent's own traffic to the server (enroll, the hub's WebSocket).
    /// It dials through the same resolve+connect code as the probes.
    /// </summary>
    public static System.Net.Http.SocketsHttpHandler CreateForServer() => CreateForServer(Dialer.Shared);

    /// <summary>As <see cref="CreateForServer()"/>, with a given dialer (tests, a custom resolver).</summary>
    public static System.Net.Http.SocketsHttpHandler CreateForServer(Dialer dialer) => new()
    {
        ConnectCallback = (context, cancellationToken) => new ValueTask<Stream>(dialer.ConnectStreamAsync(
            context.DnsEndPoint.Host, context.DnsEndPoint.Port, Families.Auto, Timeout.InfiniteTimeSpan, cancellationToken)),
        // Picks up a server that moved to a new address instead of holding the old connection forever.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>
    /// A handler for one probe attempt: pinned to one family, no pooling beyond the attempt, no proxy unless the check
    /// names one (the environment's HTTPS_PROXY would hide the very path being measured), and redirects only when
    /// <paramref name="maxRedirects"/> is above 0 (otherwise a 3xx is a result to report). With <paramref name="proxy"/>,
    /// the connection to the proxy goes through the dial path and the request through its CONNECT tunnel (plain http
    /// goes to the proxy as an absolute-form request). <paramref name="trace"/> receives the dial's timings and byte
    /// counts; <paramref name="remaining"/> gives the time left before the deadline.
    /// </summary>
    public static System.Net.Http.SocketsHttpHandler CreateForProbe(Dialer dialer, string family,
        Func<TimeSpan> remaining, DialTrace trace, Uri? proxy = null, int maxRedirects = 0) => new()
    {
        ConnectCallback = (context, cancellationToken) => new ValueTask<Stream>(dialer.ConnectStreamAsync(
            context.DnsEndPoint.Host, context.DnsEndPoint.Port, family, remaining(), cancellationToken, trace)),
        UseProxy = proxy is not null,
        Proxy = proxy is null ? null : new System.Net.WebProxy(proxy) { BypassProxyOnLocal = false },
        AllowAutoRedirect = maxRedirects > 0,
        MaxAutomaticRedirections = Math.Max(1, maxRedirects),
        UseCookies = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        MaxConnectionsPerServer = 1,
    };
}
