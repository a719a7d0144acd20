using System.Diagnostics;
using System.Text;
using Linkwatch.Shared.Kinds.Udp;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// The <c>udp</c> kind: one datagram, one reply. The socket is connected so that an ICMP port
/// unreachable comes back as an error on it (<c>port_unreachable</c>) instead of being dropped;
/// silence until the deadline is <c>no_response</c>. The name resolves through the dialer's resolver.
/// </summary>
public sealed class UdpProbe : Probe<UdpOptions>
{
    public override string Kind => CheckKinds.Udp;

    public override async Task<AttemptResult> RunAttemptAsync(ProbeAttempt attempt, UdpOptions options,
        CancellationToken cancellationToken)
    {
        var resolved = await attempt.ResolveOrFailAsync(cancellationToken).ConfigureAwait(false);
        if (!resolved.Reached(out var address, out var phases))
            return resolved.Failure;

        var payload = Encoding.UTF8.GetBytes(options.Payload);
        var endPoint = AddressFamilies.FormatEndPoint(address, attempt.Target.Port);
        using var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        using var deadline = attempt.StartDeadline(cancellationToken);
        long sent = 0;
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, attempt.Target.Port), deadline.Token).ConfigureAwait(false);
            var sentAt = Stopwatch.GetTimestamp();
            sent = await socket.SendAsync(payload, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            var buffer = new byte[64 * 1024];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            phases[Phases.FirstByte] = Timings.Since(sentAt);
            var reply = Encoding.UTF8.GetString(buffer, 0, read);
            if (options.Expect is { } expected && !reply.Contains(expected, StringComparison.Ordinal))
            {
                return Result(Verdicts.ResponseMismatch, $"the reply from {endPoint} ({read} bytes) does not contain '{expected}'", read);
            }
            return Result(Verdicts.Ok, null, read);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Result(Verdicts.NoResponse, $"no reply from {endPoint} within the timeout", 0);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return Result(Verdicts.PortUnreachable, $"{endPoint}: ICMP port unreachable", 0);
        }
        catch (SocketException e)
        {
            return Result(SocketVerdicts.ForTransfer(e.SocketErrorCode), $"{endPoint}: {SocketVerdicts.Describe(e.SocketErrorCode)}", 0);
        }

        AttemptResult Result(string verdict, string? error, long received) =>
            Attempts.Connected(resolved.Dial, attempt, verdict, error, phases, sent, received);
    }
}
