using System.Diagnostics;
using System.Text;
using Linkwatch.Agent.Net;
using Linkwatch.Shared;
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
            request.Headers.Host = url.IsDefaultPort ? sni : $"{sni}:{url.Port}";
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
            var status = (int)response.StatusCode;
            var body = new MemoryStream();
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
                var buffer = new byte[16 * 1024];
                int read;
                while ((read = await stream.ReadAsync(buffer, deadline.Token).ConfigureAwait(false)) > 0)
                {
                    if (body.Length < MaxBodyKept)
                        body.Write(buffer, 0, (int)Math.Min(read, MaxBodyKept - body.Length));
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Attempts.Failed(Verdicts.Timeout, "timed out reading the body", attempt, trace,
                    Phases(attempt, trace, tls, headersAt));
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                var verdict = SocketVerdicts.Find(e) is { } se ? SocketVerdicts.ForTransfer(se.SocketErrorCode) : Verdicts.Reset;
                return Attempts.Failed(verdict, $"reading the body: {e.Message}", attempt, trace,
                    Phases(attempt, trace, tls, headersAt));
            }

            var phases = Phases(attempt, trace, tls, headersAt);
            string outcome = Verdicts.Ok;
            string? problem = null;
            if (!options.IsOkStatus(status))
            {
                outcome = Verdicts.StatusMismatch;
                problem = options.ExpectStatus is { } expected
                    ? $"status {status}, expected {expected}"
                    : $"status {status}, expected 200-399";
            }
            else if (options.ExpectBody is { } text
                && !Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length).Contains(text, StringComparison.Ordinal))
            {
                outcome = Verdicts.BodyMismatch;
                problem = $"body does not contain '{text}'";
            }

            return new AttemptResult
            {
                Family = trace.Address is { } a ? AddressFamilies.NameOf(a) : null,
                Address = trace.Address is { } b ? AddressFamilies.Format(b) : null,
                Status = Verdicts.StatusOf(outcome),
                Verdict = outcome,
                Phases = phases,
                BytesSent = trace.BytesSent,
                BytesReceived = trace.BytesReceived,
                Error = problem,
            };
        }
    }

    private static Dictionary<string, double> Phases(ProbeAttempt attempt, DialTrace trace, TlsObservation tls, long headersAt) =>
        HttpProbeSupport.Phases(attempt, trace, tls, headersAt);
}
