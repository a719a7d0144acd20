using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Linkwatch.Shared.Kinds.Http;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// The <c>http</c> kind: one request (method, headers, body, authentication, optionally through a proxy and
/// following redirects) through the single dial path, with the status, body, JSON and certificate expiry judged.
/// Secrets (basicAuth, bearer) go into the request only, never into a message. Phases are durations, each
/// starting where the previous ended: resolve, connect, tls (until the server's certificate is checked),
/// first_byte (until the response headers, of the last response when redirects are followed), total (whole attempt).
/// </summary>
public sealed class HttpProbe(TimeProvider? time = null) : Probe<HttpOptions>
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

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

        using var handler = HttpProbeSupport.CreateHandler(attempt, trace, tls, options.Insecure, roots, options.Proxy,
            options.FollowRedirects ? HttpOptions.MaxRedirects : 0);
        using var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        using var deadline = attempt.StartDeadline(cancellationToken);
        using var request = BuildRequest(url, options);

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
            if (outcome == Verdicts.Ok)
                (outcome, problem) = CertificateJudge.JudgeObserved(tls, options.ExpiryWarningDays, _time.GetUtcNow());
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

    /// <summary>The request the options describe. The headers the user gives come first, then what the agent sets.</summary>
    private static HttpRequestMessage BuildRequest(Uri url, HttpOptions options)
    {
        var request = new HttpRequestMessage(new HttpMethod(options.Method), url);
        if (options.Body is { } body)
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        foreach (var (name, value) in options.Headers)
        {
            // Content-Type and its kin belong to the content; without a body they have nothing to describe.
            if (!request.Headers.TryAddWithoutValidation(name, value))
                request.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        if (!request.Headers.UserAgent.Any() && !options.Headers.Any(h => h.Key.Equals("User-Agent", StringComparison.OrdinalIgnoreCase)))
            request.Headers.UserAgent.Add(HttpProbeSupport.UserAgent);
        if (options.BasicAuth is { } basic)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        else if (options.Bearer is { } bearer)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (options.Sni is { } sni)
        {
            // SocketsHttpHandler takes the TLS server name from the Host header.
            request.Headers.Host = HttpProbeSupport.HostHeader(url, sni);
        }
        return request;
    }

    /// <summary>Status first, then the body's text expectations, then its JSON: the first that fails is the verdict.</summary>
    private static (string Verdict, string? Error) Judge(HttpOptions options, int status, MemoryStream body)
    {
        if (!options.IsOkStatus(status))
            return (Verdicts.StatusMismatch, $"status {status}, expected {options.ExpectedStatusText}");
        var needsText = options.ExpectBody is not null || options.RejectBody is not null || options.ExpectBodyRegex is not null;
        var text = needsText ? Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length) : "";
        if (options.ExpectBody is { } expected && !text.Contains(expected, StringComparison.Ordinal))
            return (Verdicts.BodyMismatch, $"body does not contain '{expected}'");
        if (options.RejectBody is { } rejected && text.Contains(rejected, StringComparison.Ordinal))
            return (Verdicts.BodyMismatch, $"body contains '{rejected}'");
        if (options.ExpectBodyRegex is { } regex)
        {
            try
            {
                if (!regex.IsMatch(text))
                    return (Verdicts.BodyMismatch, $"body does not match /{regex}/");
            }
            catch (RegexMatchTimeoutException)
            {
                return (Verdicts.BodyMismatch, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"matching /{regex}/ took over {HttpOptions.RegexTimeout.TotalMilliseconds:0} ms"));
            }
        }
        return options.ExpectJson.Count == 0 ? (Verdicts.Ok, null) : JudgeJson(options.ExpectJson, body);
    }

    private static (string Verdict, string? Error) JudgeJson(IReadOnlyList<JsonCondition> conditions, MemoryStream body)
    {
        if (body.Length >= MaxBodyKept)
            return (Verdicts.JsonMismatch, $"the body is larger than {MaxBodyKept} bytes, too large to judge as JSON");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return (Verdicts.JsonMismatch, $"the body is not JSON: {e.Message}");
        }
        using (document)
        {
            foreach (var condition in conditions)
            {
                if (!condition.Holds(document.RootElement, out var found))
                    return (Verdicts.JsonMismatch, $"'{condition.Text}' does not hold: found {found}");
            }
        }
        return (Verdicts.Ok, null);
    }

    private static Dictionary<string, double> Phases(ProbeAttempt attempt, DialTrace trace, TlsObservation tls, long headersAt) =>
        HttpProbeSupport.Phases(attempt, trace, tls, headersAt);
}
