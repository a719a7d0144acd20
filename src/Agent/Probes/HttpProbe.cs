using System.Diagnostics;
using System.Text;
using Linkwatch.Shared.Kinds.Http;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// The <c>http</c> kind: one GET through the single dial path, with the status and body checked.
/// Phases are durations, each starting where the previous ended: resolve, connect, tls (until the
/// server's certificate is checked), first_byte (until the response headers), total (whole attempt).
/// </summary>
public sealed class HttpProbe : Probe<HttpOptions>
{
    // Enough to find an expected marker in any page meant for humans, without holding a large download.
    private const int MaxBodyKept = 1024 * 1024;

    public override string Kind => CheckKinds.Http;

    public override async Task<AttemptResult> RunAttemptAsync(ProbeAttempt attempt, HttpOptions options,
        CancellationToken cancellationToken)
    {
        var url = attempt.Target.Url ?? throw new ArgumentException("http needs a URL target", nameof(attempt));
        var https = url.Scheme == Uri.UriSchemeHttps;
        var trace = new DialTrace();
        var tls = new TlsObservation();

        if (!HttpProbeSupport.TryLoadRoots(https ? options.CaFile : null, out var roots, out var rootsError))
            return Attempts.Failed(Verdicts.Error, rootsError!, attempt, trace);

        using var handler = HttpProbeSupport.CreateHandler(attempt, trace, tls, options.Insecure, roots);
        using var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        using var deadline = attempt.StartDeadline(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.Add(HttpProbeSupport.UserAgent);
        if (options.Sni is { } sni)
        {
            // SocketsHttpHandler takes the TLS server name from the Host header.
            request.Headers.Host = HttpProbeSupport.HostHeader(url, sni);
        }

        long headersAt;
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token)
                .ConfigureAwait(false);
            headersAt = Stopwatch.GetTimestamp();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var (verdict, error) = HttpProbeSupport.ForDeadline(trace, tls, https, "response");
            return Attempts.Failed(verdict, error, attempt, trace, Phases(attempt, trace, tls, 0));
        }
        catch (HttpRequestException e)
        {
            if (trace.Result is { Connected: false } dial)
                return Attempts.FromFailedDial(dial, attempt);
            var (verdict, error) = HttpProbeSupport.Classify(e, tls);
            return Attempts.Failed(verdict, error, attempt, trace, Phases(attempt, trace, tls, 0));
        }

        using (response)
        {
            var (body, failure) = await ReadBodyAsync(response, deadline.Token, cancellationToken).ConfigureAwait(false);
            var phases = Phases(attempt, trace, tls, headersAt);
            if (failure is { } failed)
                return Attempts.Failed(failed.Verdict, failed.Error, attempt, trace, phases);
            var (outcome, problem) = Judge(options, (int)response.StatusCode, body);
            return Attempts.Finished(outcome, problem, attempt, trace, phases);
        }
    }

    /// <summary>The body, up to <see cref="MaxBodyKept"/> bytes (the rest is read and dropped), or why it could not be read.</summary>
    private static async Task<(MemoryStream Body, (string Verdict, string Error)? Failure)> ReadBodyAsync(
        HttpResponseMessage response, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(deadline).ConfigureAwait(false);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, deadline).ConfigureAwait(false)) > 0)
            {
                if (body.Length < MaxBodyKept)
                    body.Write(buffer, 0, (int)Math.Min(read, MaxBodyKept - body.Length));
            }
            return (body, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (body, (Verdicts.Timeout, "timed out reading the body"));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            var verdict = SocketVerdicts.Find(e) is { } se ? SocketVerdicts.ForTransfer(se.SocketErrorCode) : Verdicts.Reset;
            return (body, (verdict, $"reading the body: {e.Message}"));
        }
    }

    private static (string Verdict, string? Error) Judge(HttpOptions options, int status, MemoryStream body)
    {
        if (!options.IsOkStatus(status))
        {
            return (Verdicts.StatusMismatch, options.ExpectStatus is { } expected
                ? $"status {status}, expected {expected}"
                : $"status {status}, expected 200-399");
        }
        if (options.ExpectBody is { } text
            && !Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length).Contains(text, StringComparison.Ordinal))
            return (Verdicts.BodyMismatch, $"body does not contain '{text}'");
        return (Verdicts.Ok, null);
    }

    private static Dictionary<string, double> Phases(ProbeAttempt attempt, DialTrace trace, TlsObservation tls, long headersAt) =>
        HttpProbeSupport.Phases(attempt, trace, tls, headersAt);
}
