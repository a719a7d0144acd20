using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Linkwatch.Shared.Kinds.WebSocket;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// The <c>websocket</c> kind: the upgrade through the single dial path (the handler the <c>http</c>
/// probe uses, so the agent itself resolves a name the same way for both), then an optional message
/// round trip, and optionally a plain HTTP GET to the same origin to tell "one protocol works and the
/// other does not, for this name" (<c>http_ws_divergence</c>) from "the host is down". The message names
/// the address each protocol used.
/// Phases: resolve, connect, tls, first_byte (until the upgrade response), total.
/// </summary>
public sealed class WebSocketProbe(TimeProvider? time = null) : Probe<WebSocketOptions>
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    // A reply larger than any probe payload is not an echo; stop reading instead of buffering it.
    private const int MaxReplyBytes = WebSocketOptions.MaxPayloadBytes;
    // How much of an unexpected reply goes into the message: enough to recognise it.
    private const int ReplyShownChars = 80;

    public override string Kind => CheckKinds.WebSocket;

    public override async Task<AttemptResult> RunAttemptAsync(ProbeAttempt attempt, WebSocketOptions options,
        CancellationToken cancellationToken)
    {
        var url = attempt.Target.Url ?? throw new ArgumentException("websocket needs a URL target", nameof(attempt));
        var secure = url.Scheme == Uri.UriSchemeWss;
        if (!HttpProbeSupport.TryLoadRoots(secure ? options.CaFile : null, out var roots, out var rootsError))
            return Attempts.Failed(Verdicts.Error, rootsError!, attempt, new DialTrace());

        using var deadline = attempt.StartDeadline(cancellationToken);
        // At the same time as the upgrade, under the same deadline: a dead WebSocket side must not
        // leave the HTTP side without time, or every failure would look like both failing.
        var http = options.CompareHttp
            ? HttpComparison.RunAsync(attempt, options, roots, deadline.Token, cancellationToken)
            : null;
        AttemptResult webSocket;
        try
        {
            webSocket = await UpgradeAsync(attempt, options, roots, _time, deadline.Token, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (http is not null)
                await ((Task)http).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        return http is null ? webSocket : Compare(webSocket, await http.ConfigureAwait(false));
    }

    /// <summary>
    /// docs/checks.md: <c>http_ws_divergence</c> when, for the one name, exactly one of the two protocols works. The
    /// message names the address each protocol used.
    /// </summary>
    private static AttemptResult Compare(AttemptResult webSocket, HttpComparisonOutcome http)
    {
        var webSocketWorks = webSocket.Status is Statuses.Up or Statuses.Degraded;
        var via = webSocket.Address ?? "no address";
        if (webSocketWorks == http.Works)
        {
            return webSocketWorks
                ? webSocket
                : webSocket with { Error = $"WebSocket via {via}: {webSocket.Error}; {http.Description}" };
        }
        var error = webSocketWorks
            ? $"the WebSocket works (via {via}) but HTTP does not: {http.Description}"
            : $"HTTP works ({http.Description}) but the WebSocket does not (via {via}): {webSocket.Verdict}: {webSocket.Error}";
        return webSocket with
        {
            Status = Verdicts.StatusOf(Verdicts.HttpWsDivergence),
            Verdict = Verdicts.HttpWsDivergence,
            Error = error,
        };
    }

    private static async Task<AttemptResult> UpgradeAsync(ProbeAttempt attempt, WebSocketOptions options,
        X509Certificate2Collection? roots, TimeProvider time, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var url = attempt.Target.Url!;
        var secure = url.Scheme == Uri.UriSchemeWss;
        var trace = new DialTrace();
        var tls = new TlsObservation();
        using var handler = HttpProbeSupport.CreateHandler(attempt, trace, tls, options.Insecure, roots, options.Proxy);
        using var invoker = new HttpMessageInvoker(handler);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("User-Agent", HttpProbeSupport.UserAgent.ToString());
        if (options.Sni is { } sni)
        {
            // As in the http probe: SocketsHttpHandler takes the TLS server name from the Host header.
            socket.Options.SetRequestHeader("Host", HttpProbeSupport.HostHeader(url, sni));
        }

        long upgradedAt = 0;
        try
        {
            await socket.ConnectAsync(url, invoker, deadline).ConfigureAwait(false);
            upgradedAt = Stopwatch.GetTimestamp();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var (verdict, error) = HttpProbeSupport.ForDeadline(trace, tls, secure, "upgrade response");
            return Result(verdict, error);
        }
        catch (WebSocketException e)
        {
            if (trace.Result is { Connected: false } dial)
                return Attempts.FromFailedDial(dial, attempt);
            // When the server answered, the time to its answer is still the first byte.
            if (socket.HttpStatusCode != 0)
                upgradedAt = Stopwatch.GetTimestamp();
            var (verdict, error) = UpgradeFailure(e, socket, tls);
            return Result(verdict, error);
        }

        var (outcome, problem) = options.RoundTrip
            ? await TryRoundTripAsync(socket, options, deadline, cancellationToken).ConfigureAwait(false)
            : (Verdicts.Ok, null);
        if (outcome == Verdicts.Ok)
            (outcome, problem) = CertificateJudge.JudgeObserved(tls, options.ExpiryWarningDays, time.GetUtcNow());
        var result = Result(outcome, problem);
        await CloseAsync(socket, deadline).ConfigureAwait(false);
        return result;

        AttemptResult Result(string verdict, string? error) =>
            Attempts.Finished(verdict, error, attempt, trace, HttpProbeSupport.Phases(attempt, trace, tls, upgradedAt));
    }

    private static (string Verdict, string Error) UpgradeFailure(WebSocketException e, ClientWebSocket socket, TlsObservation tls)
    {
        var status = (int)socket.HttpStatusCode;
        if (status == 101)
            return (Verdicts.UpgradeFailed, $"invalid upgrade response: {e.Message}");
        if (status != 0)
        {
            return (Verdicts.UpgradeFailed, string.Create(CultureInfo.InvariantCulture,
                $"upgrade refused: HTTP status {status} {socket.HttpStatusCode}, expected 101 Switching Protocols"));
        }
        return e.InnerException is HttpRequestException request
            ? HttpProbeSupport.Classify(request, tls)
            : (Verdicts.Error, HttpProbeSupport.Innermost(e).Message);
    }

    /// <summary>The round trip's verdict; a deadline or a broken connection is a verdict too.</summary>
    private static async Task<(string Verdict, string? Error)> TryRoundTripAsync(ClientWebSocket socket,
        WebSocketOptions options, CancellationToken deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await RoundTripAsync(socket, options, deadline).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (Verdicts.Timeout, "timed out waiting for the reply");
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            var verdict = SocketVerdicts.Find(e) is { } se ? SocketVerdicts.ForTransfer(se.SocketErrorCode) : Verdicts.Reset;
            return (verdict, $"the connection broke during the round trip: {HttpProbeSupport.Innermost(e).Message}");
        }
    }

    private static async Task<(string Verdict, string? Error)> RoundTripAsync(ClientWebSocket socket,
        WebSocketOptions options, CancellationToken deadline)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes(options.Payload), WebSocketMessageType.Text, endOfMessage: true, deadline)
            .ConfigureAwait(false);
        var buffer = new byte[MaxReplyBytes];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
                return (Verdicts.EchoMismatch, $"the reply is longer than {MaxReplyBytes} bytes");
            var received = await socket.ReceiveAsync(buffer.AsMemory(length), deadline).ConfigureAwait(false);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return (Verdicts.EchoMismatch, string.Create(CultureInfo.InvariantCulture,
                    $"the server closed the WebSocket ({(int?)socket.CloseStatus} {socket.CloseStatusDescription}) instead of replying"));
            }
            length += received.Count;
            if (received.EndOfMessage)
                break;
        }
        var expected = options.ExpectedReply!;
        var reply = Encoding.UTF8.GetString(buffer, 0, length);
        if (reply.Contains(expected, StringComparison.Ordinal))
            return (Verdicts.Ok, null);
        return (Verdicts.EchoMismatch, $"the reply '{Shorten(reply)}' does not contain '{Shorten(expected)}'");
    }

    private static string Shorten(string text) => text.Length > ReplyShownChars ? text[..ReplyShownChars] + "..." : text;

    /// <summary>
    /// Says goodbye with a close frame so the server sees a clean close, without waiting for its
    /// answer: the check's outcome is already known and must not depend on the server's manners.
    /// </summary>
    private static async Task CloseAsync(ClientWebSocket socket, CancellationToken deadline)
    {
        if (socket.State != WebSocketState.Open)
            return;
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, deadline).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
        }
    }
}
