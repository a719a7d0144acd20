using System.Buffers.Binary;
using System.Diagnostics;
using Linkwatch.Agent.Dns;
using Linkwatch.Shared.Kinds.Dns;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// The <c>dns</c> kind: one query to one server, over UDP with a TCP retry when the answer comes
/// truncated, or over TCP only. It watches a server, so it uses no resolver of its own; the TCP
/// connection goes through the shared dialer. Phases: connect (TCP), first_byte (until the reply).
/// </summary>
public sealed class DnsProbe(Func<IPAddress?>? defaultServer = null) : Probe<DnsOptions>
{
    private readonly Func<IPAddress?> _defaultServer = defaultServer ?? (() => ResolvConf.FirstNameserver());

    public override string Kind => CheckKinds.Dns;

    public override async Task<AttemptResult> RunAttemptAsync(ProbeAttempt attempt, DnsOptions options,
        CancellationToken cancellationToken)
    {
        var phases = new Dictionary<string, double>();
        var server = options.Server ?? (_defaultServer() is { } address ? new IPEndPoint(address, DnsOptions.DefaultPort) : null);
        if (server is null)
            return Finish(Verdicts.Error, "no server given and no nameserver in /etc/resolv.conf", null, 0, 0);

        var query = DnsMessage.Query(attempt.Target.Host, options.Type);
        var queryBytes = query.Encode();
        using var deadline = attempt.StartDeadline(cancellationToken);
        DnsMessage? reply;
        long sent = 0, received = 0;
        try
        {
            (reply, sent, received, var failure) = await AskAsync(attempt, options, server, query.Id, queryBytes, phases,
                deadline.Token, cancellationToken).ConfigureAwait(false);
            if (reply is null)
                return Finish(failure!.Value.Verdict, failure.Value.Error, server, sent, received);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Finish(Verdicts.Timeout, $"no reply from {Format(server)} within the timeout", server, sent, received);
        }
        catch (SocketException e)
        {
            var verdict = e.SocketErrorCode == SocketError.ConnectionRefused ? Verdicts.ConnectRefused : SocketVerdicts.ForTransfer(e.SocketErrorCode);
            return Finish(verdict, $"{Format(server)}: {SocketVerdicts.Describe(e.SocketErrorCode)}", server, sent, received);
        }
        catch (DnsFormatException e)
        {
            return Finish(Verdicts.Error, $"malformed reply from {Format(server)}: {e.Message}", server, sent, received);
        }

        var (outcome, message) = Judge(options, reply, attempt.Target.Host);
        return Finish(outcome, message, server, sent, received);

        AttemptResult Finish(string verdict, string? error, IPEndPoint? from, long bytesSent, long bytesReceived) => new()
        {
            Family = from is null ? null : AddressFamilies.NameOf(from.Address),
            Address = from is null ? null : AddressFamilies.Format(from.Address),
            Status = Verdicts.StatusOf(verdict),
            Verdict = verdict,
            Phases = Attempts.WithTotalLast(phases, Timings.Since(attempt.StartedAt)),
            BytesSent = bytesSent,
            BytesReceived = bytesReceived,
            Error = verdict == Verdicts.Ok ? null : error,
        };
    }

    /// <summary>
    /// Asks over UDP and, when the answer is truncated, again over TCP (RFC 7766); or over TCP only.
    /// A null reply comes with the failure's verdict.
    /// </summary>
    private static async Task<(DnsMessage? Reply, long Sent, long Received, (string Verdict, string Error)? Failure)> AskAsync(
        ProbeAttempt attempt, DnsOptions options, IPEndPoint server, ushort id, byte[] query, Dictionary<string, double> phases,
        CancellationToken deadline, CancellationToken cancellationToken)
    {
        if (options.Tcp)
            return await AskOverTcpAsync(attempt, server, id, query, phases, deadline, cancellationToken).ConfigureAwait(false);
        var (reply, sent, received) = await AskOverUdpAsync(server, id, query, phases, deadline).ConfigureAwait(false);
        if (!reply.Truncated)
            return (reply, sent, received, null);
        var (tcpReply, tcpSent, tcpReceived, failure) =
            await AskOverTcpAsync(attempt, server, id, query, phases, deadline, cancellationToken).ConfigureAwait(false);
        return (tcpReply, sent + tcpSent, received + tcpReceived,
            tcpReply is null ? (Verdicts.Truncated, $"the UDP answer was truncated and TCP failed: {failure}") : null);
    }

    internal static (string Verdict, string? Error) Judge(DnsOptions options, DnsMessage reply, string name)
    {
        var type = options.Type.ToString();
        switch (reply.ResponseCode)
        {
            case DnsResponseCode.NameError:
                return (Verdicts.NxDomain, $"{name} does not exist (NXDOMAIN)");
            case DnsResponseCode.ServerFailure:
                return (Verdicts.ServFail, $"the server failed to answer for {name} (SERVFAIL)");
            case DnsResponseCode.Refused:
                return (Verdicts.Refused, $"the server refused the query for {name} (REFUSED)");
            case not DnsResponseCode.NoError:
                return (Verdicts.Error, $"response code {(int)reply.ResponseCode} for {name}");
        }
        var answers = reply.Answers.Where(a => a.Type == (ushort)options.Type).Select(a => a.Data).ToArray();
        if (answers.Length == 0)
            return (Verdicts.NoAnswer, $"no {type} record for {name}");
        if (options.Expect is { } expected && !answers.Any(a => SameValue(a, expected)))
            return (Verdicts.AnswerMismatch, $"{type} {name} is {string.Join(", ", answers)}, expected {expected}");
        return (Verdicts.Ok, null);
    }

    private static bool SameValue(string answer, string expected)
    {
        if (IPAddress.TryParse(answer, out var a) && IPAddress.TryParse(expected, out var b))
            return a.Equals(b);
        return string.Equals(answer.TrimEnd('.'), expected.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<(DnsMessage Reply, long Sent, long Received)> AskOverUdpAsync(IPEndPoint server, ushort id,
        byte[] query, Dictionary<string, double> phases, CancellationToken deadline)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(server, deadline).ConfigureAwait(false);
        var sentAt = Stopwatch.GetTimestamp();
        await socket.SendAsync(query, SocketFlags.None, deadline).ConfigureAwait(false);
        var buffer = new byte[65535];
        long received = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline).ConfigureAwait(false);
            received += read;
            DnsMessage reply;
            try
            {
                reply = DnsMessage.Parse(buffer.AsSpan(0, read));
            }
            catch (DnsFormatException)
            {
                // A stray or spoofed datagram must not end the wait for the real reply.
                continue;
            }
            if (!reply.IsResponse || reply.Id != id)
                continue;
            phases[Phases.FirstByte] = Timings.Since(sentAt);
            return (reply, query.Length, received);
        }
    }

    private static async Task<(DnsMessage? Reply, long Sent, long Received, (string Verdict, string Error)? Failure)> AskOverTcpAsync(
        ProbeAttempt attempt, IPEndPoint server, ushort id, byte[] query, Dictionary<string, double> phases,
        CancellationToken deadline, CancellationToken cancellationToken)
    {
        var dial = await attempt.Dialer.DialAsync(server.Address.ToString(), server.Port, Families.Auto, attempt.Remaining,
            cancellationToken).ConfigureAwait(false);
        if (dial.ConnectMs is { } connectMs)
            phases[Phases.Connect] = connectMs;
        if (dial.Socket is not { } socket)
            return (null, 0, 0, (dial.Verdict, dial.Error ?? dial.Verdict));
        using (socket)
        {
            var framed = DnsMessage.FrameForTcp(query);
            var sentAt = Stopwatch.GetTimestamp();
            try
            {
                await socket.SendAsync(framed, SocketFlags.None, deadline).ConfigureAwait(false);
                var header = new byte[2];
                await ReceiveExactlyAsync(socket, header, deadline).ConfigureAwait(false);
                var length = BinaryPrimitives.ReadUInt16BigEndian(header);
                var body = new byte[length];
                await ReceiveExactlyAsync(socket, body, deadline).ConfigureAwait(false);
                phases[Phases.FirstByte] = Timings.Since(sentAt);
                var reply = DnsMessage.Parse(body);
                if (!reply.IsResponse || reply.Id != id)
                    return (null, framed.Length, length + 2, (Verdicts.Error, "the TCP reply does not match the query"));
                return (reply, framed.Length, length + 2, null);
            }
            catch (EndOfStreamException)
            {
                return (null, framed.Length, 0, (Verdicts.Reset, "the server closed the TCP connection before answering"));
            }
        }
    }

    private static async Task ReceiveExactlyAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
                throw new EndOfStreamException();
            filled += read;
        }
    }

    private static string Format(IPEndPoint server) => AddressFamilies.FormatEndPoint(server.Address, server.Port);
}
