using System.Security.Cryptography;
using System.Text;
using Linkwatch.Shared.Kinds.HalfClose;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// The <c>half-close</c> kind: send a payload, <c>shutdown(SHUT_WR)</c>, read to EOF, compare.
/// It tells apart the ways a middlebox breaks half-close: nothing back, part back, a reset after
/// our FIN, or different bytes. Reading runs while sending, since an echo peer stops reading when
/// we stop draining its replies and a large payload would otherwise deadlock.
/// </summary>
public sealed class HalfCloseProbe : Probe<HalfCloseOptions>
{
    // A reply is kept for the `expect` search up to this size; longer replies are only hashed.
    private const int MaxReplyKept = 1024 * 1024;
    private const int SendChunk = 64 * 1024;

    public override string Kind => CheckKinds.HalfClose;

    public override async Task<AttemptResult> RunAttemptAsync(ProbeAttempt attempt, HalfCloseOptions options,
        CancellationToken cancellationToken)
    {
        var dialed = await attempt.DialOrFailAsync(cancellationToken).ConfigureAwait(false);
        if (!dialed.Reached(out var socket, out var phases))
            return dialed.Failure;

        using (socket)
        using (var deadline = attempt.StartDeadline(cancellationToken))
        {
            var connectedAt = System.Diagnostics.Stopwatch.GetTimestamp();
            var payload = CreatePayload(options);
            var receiving = StreamReceiver.ReceiveToEndAsync(socket, options.Expect is null ? 0 : MaxReplyKept,
                deadline.Token, cancellationToken);

            long sent = 0;
            SocketError? sendError = null;
            var sendTimedOut = false;
            var finSent = false;
            try
            {
                while (sent < payload.Length)
                {
                    var chunk = payload.AsMemory((int)sent, (int)Math.Min(SendChunk, payload.Length - sent));
                    sent += await socket.SendAsync(chunk, SocketFlags.None, deadline.Token).ConfigureAwait(false);
                }
                socket.Shutdown(SocketShutdown.Send);
                finSent = true;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                sendTimedOut = true;
            }
            catch (SocketException e)
            {
                sendError = e.SocketErrorCode;
            }
            if (!finSent)
            {
                // Nothing more will be sent: stop the reader rather than wait out the deadline.
                await deadline.CancelAsync().ConfigureAwait(false);
            }
            var reply = await receiving.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();

            if (reply.FirstByteAt != 0)
                phases[Phases.FirstByte] = Timings.Between(connectedAt, reply.FirstByteAt);
            var (verdict, error) = Judge(options, payload, sent, finSent, sendError, sendTimedOut, reply);
            return Attempts.Connected(dialed.Dial, attempt, verdict, error, phases, sent, reply.Count);
        }
    }

    /// <summary>The bytes to send: the literal payload, or fresh random bytes each run so no cache can answer.</summary>
    private static byte[] CreatePayload(HalfCloseOptions options) =>
        options.Payload is { } text ? Encoding.UTF8.GetBytes(text) : RandomNumberGenerator.GetBytes(options.PayloadBytes);

    private static (string Verdict, string? Error) Judge(HalfCloseOptions options, byte[] payload, long sent,
        bool finSent, SocketError? sendError, bool sendTimedOut, ReceiveSummary reply)
    {
        if (!finSent)
        {
            var failure = sendError ?? reply.Error;
            if (failure is { } se)
                return (SocketVerdicts.ForTransfer(se), $"sending after {sent} of {payload.Length} bytes: {SocketVerdicts.Describe(se)}");
            return (Verdicts.Timeout, $"timed out sending after {sent} of {payload.Length} bytes");
        }
        if (reply.Error is { } resetError)
        {
            var verdict = resetError is SocketError.ConnectionReset or SocketError.ConnectionAborted
                ? Verdicts.ResetAfterHalfClose
                : SocketVerdicts.ForTransfer(resetError);
            return (verdict, $"{SocketVerdicts.Describe(resetError)} after our FIN, {reply.Count} of {payload.Length} bytes back");
        }
        if (reply.TimedOut)
            return (Verdicts.Timeout, $"timed out waiting for EOF, {reply.Count} of {payload.Length} bytes back");
        if (reply.Count == 0)
            return (Verdicts.ResponseLost, "the peer closed without replying after our FIN");

        if (options.Expect is { } expected)
        {
            return Encoding.UTF8.GetString(reply.Kept).Contains(expected, StringComparison.Ordinal)
                ? (Verdicts.Ok, null)
                : (Verdicts.ResponseCorrupted, $"the reply ({reply.Count} bytes) does not contain '{expected}'");
        }
        if (reply.Count < payload.Length)
            return (Verdicts.ResponseTruncated, $"{reply.Count} of {payload.Length} bytes back before EOF");
        if (reply.Count == payload.Length && SHA256.HashData(payload).AsSpan().SequenceEqual(reply.Sha256))
            return (Verdicts.Ok, null);
        return (Verdicts.ResponseCorrupted, reply.Count == payload.Length
            ? $"{reply.Count} bytes back, but not the bytes sent"
            : $"{reply.Count} bytes back for {payload.Length} sent");
    }
}
