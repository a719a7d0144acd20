using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Linkwatch.Shared.Kinds.WebSocket;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// The plain-HTTP half of a <c>websocket</c> check with <c>compareHttp</c>: a GET to the same origin
/// and path (ws to http, wss to https), through the same dial path, family and deadline. It only asks
/// whether the server answers HTTP at all: any status below 500 "works", because a WebSocket
/// endpoint commonly answers a plain GET with 400 or 426 and that still proves the path is fine.
/// </summary>
internal static class HttpComparison
{
    /// <summary>The http(s) URL of the same host, port and path as <paramref name="webSocketUrl"/>.</summary>
    public static Uri HttpUrlOf(Uri webSocketUrl) => new UriBuilder(webSocketUrl)
    {
        Scheme = webSocketUrl.Scheme == Uri.UriSchemeWss ? Uri.UriSchemeHttps : Uri.UriSchemeHttp,
        Port = webSocketUrl.Port,
    }.Uri;

    /// <summary>The address the request used (the proxy's, through a proxy), or that no address was reached.</summary>
    public static string Via(DialTrace trace) => trace.Address is { } address ? AddressFamilies.Format(address) : "no address";

    public static async Task<HttpComparisonOutcome> RunAsync(ProbeAttempt attempt, WebSocketOptions options,
        X509Certificate2Collection? roots, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var url = HttpUrlOf(attempt.Target.Url!);
        var trace = new DialTrace();
        var tls = new TlsObservation();
        using var handler = HttpProbeSupport.CreateHandler(attempt, trace, tls, options.Insecure, roots, options.Proxy);
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.Add(HttpProbeSupport.UserAgent);
        if (options.Sni is { } sni)
            request.Headers.Host = url.IsDefaultPort ? sni : $"{sni}:{url.Port}";
        var what = $"HTTP GET {url}";
        try
        {
            // Headers are the answer; the body is not needed to tell whether HTTP works.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline)
                .ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return new HttpComparisonOutcome(status < 500,
                string.Create(CultureInfo.InvariantCulture, $"{what} via {Via(trace)}: status {status}"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var (verdict, error) = HttpProbeSupport.ForDeadline(trace, tls, url.Scheme == Uri.UriSchemeHttps, "response");
            return new HttpComparisonOutcome(false, $"{what} via {Via(trace)}: {verdict} ({error})");
        }
        catch (HttpRequestException e)
        {
            var (verdict, error) = trace.Result is { Connected: false } dial
                ? (dial.Verdict, dial.Error ?? dial.Verdict)
                : HttpProbeSupport.Classify(e, tls);
            return new HttpComparisonOutcome(false, $"{what} via {Via(trace)}: {verdict} ({error})");
        }
    }
}
