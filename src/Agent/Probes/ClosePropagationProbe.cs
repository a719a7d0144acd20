using System.Diagnostics;
using Linkwatch.Shared.Kinds.ClosePropagation;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// The <c>close-propagation</c> kind: connect, optionally send, then wait for the peer's FIN or
/// RST. The <c>close</c> phase is how long the close took to arrive; none by the deadline is
/// <c>close_not_propagated</c> (a transport that keeps a dead connection open on one side).
/// </summary>
public sealed class ClosePropagationProbe : Probe<ClosePropagationOptions>
{
    /// <summary>The phase from the end of the connect or send until the peer's close was seen.</summary>
    public const string ClosePhase = "close";

    public override string Kind => CheckKinds.ClosePropagation;

    public override TimeSpan ExtraTime(ClosePropagationOptions options) => options.Deadline;

    public override async Task<AttemptResult> RunAttemptAsync(ProbeAttempt attempt, ClosePropagationOptions options,
        CancellationToken cancellationToken)
    {
        var dialed = await attempt.DialOrFailAsync(cancellationToken).ConfigureAwait(false);
        if (!dialed.Reached(out var socket, out var phases))
            return dialed.Failure;

        var dial = dialed.Dial;
        using (socket)
        {
            var payload = options.PayloadBytes;
            long sent = 0;
            if (payload.Length > 0)
            {
                using var sendDeadline = attempt.StartDeadline(cancellationToken);
                try
                {
                    while (sent < payload.Length)
                        sent += await socket.SendAsync(payload.AsMemory((int)sent), SocketFlags.None, sendDeadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return Attempts.Connected(dial, attempt, Verdicts.Timeout, "timed out sending the payload", phases, sent);
                }
                catch (SocketException e)
                {
                    // A close that arrives while we send has propagated too, just early.
                    if (e.SocketErrorCode is not (SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown))
                        return Attempts.Connected(dial, attempt, SocketVerdicts.ForTransfer(e.SocketErrorCode),
                            $"sending the payload: {SocketVerdicts.Describe(e.SocketErrorCode)}", phases, sent);
                }
            }

            var waitStart = Stopwatch.GetTimestamp();
            using var closeDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            closeDeadline.CancelAfter(options.Deadline);
            var end = await StreamReceiver.ReceiveToEndAsync(socket, 0, closeDeadline.Token, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (end.TimedOut)
            {
                return Attempts.Connected(dial, attempt, Verdicts.CloseNotPropagated,
                    $"no FIN or RST from the peer within {options.Deadline.TotalSeconds:0.###} s", phases, sent, end.Count);
            }
            phases[ClosePhase] = Timings.Between(waitStart, end.EndedAt);
            if (end.Error is { } error && error is not (SocketError.ConnectionReset or SocketError.ConnectionAborted))
            {
                return Attempts.Connected(dial, attempt, SocketVerdicts.ForTransfer(error),
                    $"waiting for the close: {SocketVerdicts.Describe(error)}", phases, sent, end.Count);
            }
            return Attempts.Connected(dial, attempt, Verdicts.Ok, null, phases, sent, end.Count);
        }
    }
}
