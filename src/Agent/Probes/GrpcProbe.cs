using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Linkwatch.Shared.Kinds.Grpc;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// The <c>grpc</c> kind: one unary <c>grpc.health.v1.Health/Check</c> call over HTTP/2 (TLS with ALPN, or h2c with
/// prior knowledge), through the single dial path like <see cref="HttpProbe"/>, so families and the resolve, connect and
/// tls phases work the same. The two messages are tiny, so they are written and read here by hand instead of pulling a
/// gRPC and protobuf runtime into the agent: <c>HealthCheckRequest{string service = 1}</c> and
/// <c>HealthCheckResponse{ServingStatus status = 1}</c>, each behind gRPC's 5-byte frame prefix.
/// Phases: resolve, connect, tls, first_byte (the response headers), total.
/// </summary>
public sealed class GrpcProbe(TimeProvider? time = null) : Probe<GrpcOptions>
{
    /// <summary>A health response is a few bytes; anything much larger is not one, and is not read into memory.</summary>
    internal const int MaxResponseBytes = 4096;

    private const string HealthCheckPath = "/grpc.health.v1.Health/Check";
    private static readonly MediaTypeHeaderValue GrpcContentType = new("application/grpc");

    // grpc.health.v1.HealthCheckResponse.ServingStatus
    private const int ServingStatusServing = 1;
    private const int ServingStatusNotServing = 2;
    private const int ServingStatusServiceUnknown = 3;

    // gRPC status codes (grpc/doc/statuscodes.md) the verdicts tell apart.
    private const int GrpcOk = 0;
    private const int GrpcNotFound = 5;
    private const int GrpcUnimplemented = 12;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public override string Kind => CheckKinds.Grpc;

    public override async Task<AttemptResult> RunAttemptAsync(ProbeAttempt attempt, GrpcOptions options,
        CancellationToken cancellationToken)
    {
        var trace = new DialTrace();
        var tls = new TlsObservation();
        var https = !options.Plaintext;
        if (!HttpProbeSupport.TryLoadRoots(https ? options.CaFile : null, out var roots, out var rootsError))
            return Attempts.Failed(Verdicts.Error, rootsError!, attempt, trace);

        X509Certificate2? leaf = null;
        using var handler = HttpProbeSupport.CreateHandler(attempt, trace, tls, options.Insecure, roots);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
        {
            leaf = certificate is null ? null : new X509Certificate2(certificate);
            return tls.Check(certificate as X509Certificate2, chain, errors, options.Insecure, roots);
        };
        using var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        using var deadline = attempt.StartDeadline(cancellationToken);
        var url = new UriBuilder(https ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, attempt.Target.Host, attempt.Target.Port, HealthCheckPath).Uri;
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(Frame(options.Service)),
        };
        request.Content.Headers.ContentType = GrpcContentType;
        request.Headers.TE.ParseAdd("trailers");
        request.Headers.UserAgent.Add(HttpProbeSupport.UserAgent);
        if (options.Sni is { } sni)
            request.Headers.Host = HttpProbeSupport.HostHeader(url, sni);

        HttpResponseMessage response;
        long headersAt;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            headersAt = System.Diagnostics.Stopwatch.GetTimestamp();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var (verdict, error) = HttpProbeSupport.ForDeadline(trace, tls, https, "response");
            return Attempts.Failed(verdict, error, attempt, trace, HttpProbeSupport.Phases(attempt, trace, tls, 0));
        }
        catch (HttpRequestException e)
        {
            if (trace.Result is { Connected: false } dial)
                return Attempts.FromFailedDial(dial, attempt);
            var (verdict, error) = HttpProbeSupport.Classify(e, tls);
            if (e.HttpRequestError == HttpRequestError.VersionNegotiationError)
                (verdict, error) = (Verdicts.Error, "the server does not speak HTTP/2" + (https ? " over TLS" : " without TLS (try TLS instead of plaintext)"));
            return Attempts.Failed(verdict, error, attempt, trace, HttpProbeSupport.Phases(attempt, trace, tls, 0));
        }

        using (response)
        {
            var (body, failure) = await ReadBoundedAsync(response, deadline.Token, cancellationToken).ConfigureAwait(false);
            var phases = HttpProbeSupport.Phases(attempt, trace, tls, headersAt);
            if (failure is { } failed)
                return Attempts.Failed(failed.Verdict, failed.Error, attempt, trace, phases);
            var (outcome, problem) = Judge(response, body);
            if (outcome == Verdicts.Ok && https)
                (outcome, problem) = TlsProbe.JudgeLeaf(leaf, options.ExpiryWarningDays, _time.GetUtcNow());
            return Attempts.Finished(outcome, problem, attempt, trace, phases);
        }
    }

    /// <summary>The request message in its gRPC frame: uncompressed, then the length, then the protobuf bytes.</summary>
    internal static byte[] Frame(string? service)
    {
        var name = Encoding.UTF8.GetBytes(service ?? "");
        var length = new List<byte>(5);
        // Field 1, wire type 2 (length-delimited), omitted when empty as proto3 does; the length is a varint.
        if (name.Length > 0)
        {
            length.Add(0x0A);
            for (var n = (uint)name.Length; ; n >>= 7)
            {
                if (n < 0x80)
                {
                    length.Add((byte)n);
                    break;
                }
                length.Add((byte)(n | 0x80));
            }
        }
        var message = new byte[5 + length.Count + name.Length];
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(1), (uint)(length.Count + name.Length));
        length.CopyTo(message, 5);
        name.CopyTo(message, 5 + length.Count);
        return message;
    }

    /// <summary>The serving status in a framed <c>HealthCheckResponse</c>; null when it is not one.</summary>
    internal static int? ReadServingStatus(ReadOnlySpan<byte> body)
    {
        if (body.Length < 5 || body[0] != 0)
            return null;
        var length = BinaryPrimitives.ReadUInt32BigEndian(body[1..]);
        if (length > body.Length - 5)
            return null;
        var message = body.Slice(5, (int)length);
        // proto3 omits a zero value: an empty message is status UNKNOWN (0).
        var status = 0;
        var i = 0;
        while (i < message.Length)
        {
            if (!TryReadVarint(message, ref i, out var key))
                return null;
            var (field, wire) = (key >> 3, key & 7);
            switch (wire)
            {
                case 0:
                    if (!TryReadVarint(message, ref i, out var value))
                        return null;
                    if (field == 1)
                        status = (int)Math.Min(value, int.MaxValue);
                    break;
                case 2:
                    if (!TryReadVarint(message, ref i, out var size) || size > (ulong)(message.Length - i))
                        return null;
                    i += (int)size;
                    break;
                case 5:
                    i += 4;
                    break;
                case 1:
                    i += 8;
                    break;
                default:
                    return null;
            }
        }
        return i == message.Length ? status : null;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int i, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && i < data.Length; shift += 7)
        {
            var b = data[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return true;
        }
        return false;
    }

    private static (string Verdict, string? Error) Judge(HttpResponseMessage response, byte[] body)
    {
        if (response.StatusCode != HttpStatusCode.OK)
            return (Verdicts.Error, $"HTTP status {(int)response.StatusCode} instead of a gRPC response");
        if (response.Content.Headers.ContentType?.MediaType is not { } type || !type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
            return (Verdicts.Error, "the response is not gRPC (content-type " + (response.Content.Headers.ContentType?.MediaType ?? "none") + ")");
        // A call that fails before any message answers "trailers-only": the status then comes with the headers.
        var status = Header(response.TrailingHeaders, "grpc-status") ?? Header(response.Headers, "grpc-status");
        var message = Header(response.TrailingHeaders, "grpc-message") ?? Header(response.Headers, "grpc-message");
        if (!int.TryParse(status, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
            return (Verdicts.Error, "the response has no grpc-status");
        switch (code)
        {
            case GrpcOk:
                break;
            case GrpcNotFound:
                return (Verdicts.ServiceUnknown, "the health service does not know the service" + Detail(message));
            case GrpcUnimplemented:
                return (Verdicts.Error, "the server does not implement grpc.health.v1.Health" + Detail(message));
            default:
                return (Verdicts.Error, $"grpc-status {code}" + Detail(message));
        }
        return ReadServingStatus(body) switch
        {
            ServingStatusServing => (Verdicts.Ok, null),
            ServingStatusNotServing => (Verdicts.NotServing, "the service reports NOT_SERVING"),
            ServingStatusServiceUnknown => (Verdicts.ServiceUnknown, "the service reports SERVICE_UNKNOWN"),
            null => (Verdicts.Error, "the response is not a HealthCheckResponse"),
            var other => (Verdicts.NotServing, $"the service reports status {other} (UNKNOWN)"),
        };
    }

    private static string Detail(string? message) => string.IsNullOrEmpty(message)
        ? ""
        : ": " + Uri.UnescapeDataString(message.Length > 200 ? message[..200] : message);

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The response body up to <see cref="MaxResponseBytes"/>; the rest is drained, so the trailers arrive.</summary>
    private static async Task<(byte[] Body, (string Verdict, string Error)? Failure)> ReadBoundedAsync(
        HttpResponseMessage response, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var kept = new MemoryStream();
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(deadline).ConfigureAwait(false);
            var buffer = new byte[1024];
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, deadline).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > 16 * MaxResponseBytes)
                    return ([], (Verdicts.Error, "the response is far larger than a health response"));
                if (kept.Length < MaxResponseBytes)
                    kept.Write(buffer, 0, (int)Math.Min(read, MaxResponseBytes - kept.Length));
            }
            return (kept.ToArray(), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ([], (Verdicts.Timeout, "timed out reading the response"));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            var verdict = SocketVerdicts.Find(e) is { } se ? SocketVerdicts.ForTransfer(se.SocketErrorCode) : Verdicts.Reset;
            return ([], (verdict, $"reading the response: {e.Message}"));
        }
    }
}
