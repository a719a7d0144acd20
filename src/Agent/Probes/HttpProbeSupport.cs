using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// What the probes that speak HTTP (<c>http</c>, <c>websocket</c> and its HTTP comparison) share:
/// a handler on the single dial path that observes the TLS handshake, the failure verdicts, and
/// the phases. Shared so that an HTTP failure reads the same whichever probe saw it.
/// </summary>
internal static class HttpProbeSupport
{
    /// <summary>Names the agent in the monitored server's logs, so its requests can be told from users'.</summary>
    public static readonly ProductInfoHeaderValue UserAgent =
        new("linkwatch-agent", typeof(HttpProbeSupport).Assembly.GetName().Version?.ToString(3) ?? "0");

    /// <summary>
    /// Reads <paramref name="caFile"/> (null: no extra roots). False with <paramref name="error"/>
    /// when the file cannot be read; the option reader already checked that it exists.
    /// </summary>
    public static bool TryLoadRoots(string? caFile, out X509Certificate2Collection? roots, out string? error)
    {
        roots = null;
        error = null;
        if (caFile is null)
            return true;
        try
        {
            roots = [];
            roots.ImportFromPemFile(caFile);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            roots = null;
            error = $"reading caFile '{caFile}': {e.Message}";
            return false;
        }
    }

    /// <summary>A probe handler (see <see cref="HttpHandlers.CreateForProbe"/>) whose certificate check goes through <paramref name="tls"/>.</summary>
    public static SocketsHttpHandler CreateHandler(ProbeAttempt attempt, DialTrace trace, TlsObservation tls,
        bool insecure, X509Certificate2Collection? roots, Uri? proxy = null, int maxRedirects = 0)
    {
        var handler = HttpHandlers.CreateForProbe(attempt.Dialer, attempt.Family, () => attempt.Remaining, trace, proxy, maxRedirects);
        handler.SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                tls.Check(certificate as X509Certificate2, chain, errors, insecure, roots),
        };
        return handler;
    }

    /// <summary>The verdict for a deadline that fired before the response headers arrived.</summary>
    public static (string Verdict, string Error) ForDeadline(DialTrace trace, TlsObservation tls, bool https, string waitingFor) =>
        trace.Stage == DialStage.Connected && https && tls.CheckedAt == 0
            ? (Verdicts.TlsTimeout, "timed out in the TLS handshake")
            : trace.Stage == DialStage.Connected
                ? (Verdicts.Timeout, $"timed out waiting for the {waitingFor}")
                : Attempts.ForDeadlineDuring(trace.Stage);

    /// <summary>The verdict for a request that failed after the dial succeeded.</summary>
    public static (string Verdict, string Error) Classify(HttpRequestException e, TlsObservation tls)
    {
        if (tls.Problem is { } certificateProblem)
            return (Verdicts.CertInvalid, $"certificate rejected: {certificateProblem}");
        if (e.HttpRequestError == HttpRequestError.ProxyTunnelError)
            return (Verdicts.Error, $"the proxy did not open a tunnel: {Innermost(e).Message}");
        if (e.HttpRequestError == HttpRequestError.SecureConnectionError)
            return (Verdicts.TlsFailed, $"TLS handshake failed: {Innermost(e).Message}");
        if (SocketVerdicts.Find(e) is { } se)
            return (SocketVerdicts.ForTransfer(se.SocketErrorCode), SocketVerdicts.Describe(se.SocketErrorCode));
        return e.HttpRequestError switch
        {
            HttpRequestError.ResponseEnded => (Verdicts.Reset, "the connection closed before a complete response"),
            HttpRequestError.InvalidResponse => (Verdicts.Error, $"invalid HTTP response: {Innermost(e).Message}"),
            _ => (Verdicts.Error, Innermost(e).Message),
        };
    }

    /// <summary>The Host header that makes SocketsHttpHandler send <paramref name="sni"/> as the TLS server name.</summary>
    public static string HostHeader(Uri url, string sni) => url.IsDefaultPort ? sni : $"{sni}:{url.Port}";

    public static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }

    /// <summary>
    /// Resolve and connect as far as they ran, tls until the certificate was checked, first_byte
    /// until <paramref name="headersAt"/> (0: never), and the total last.
    /// </summary>
    public static Dictionary<string, double> Phases(ProbeAttempt attempt, DialTrace trace, TlsObservation tls, long headersAt)
    {
        var phases = Attempts.DialPhases(trace.ResolveMs, trace.ConnectMs, attempt);
        var ready = trace.ConnectedAt;
        if (tls.CheckedAt != 0 && ready != 0)
        {
            phases[Shared.Phases.Tls] = Timings.Between(ready, tls.CheckedAt);
            ready = tls.CheckedAt;
        }
        if (headersAt != 0 && ready != 0)
            phases[Shared.Phases.FirstByte] = Timings.Between(ready, headersAt);
        return Attempts.WithTotalLast(phases, phases[Shared.Phases.Total]);
    }
}
