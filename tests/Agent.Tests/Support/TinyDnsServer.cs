using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Linkwatch.Agent.Dns;
using Linkwatch.Shared.Kinds.Dns;

namespace Linkwatch.Agent.Tests.Support;

/// <summary>
/// A DNS server on 127.0.0.1 (UDP and TCP on one port) answering per name:
/// <c>nx.test</c> NXDOMAIN, <c>fail.test</c> SERVFAIL, <c>refuse.test</c> REFUSED, <c>a.test</c>
/// A 192.0.2.1, <c>empty.test</c> no records, <c>big.test</c> truncated over UDP and A 192.0.2.7
/// over TCP, <c>silent.test</c> never answered.
/// </summary>
internal sealed class TinyDnsServer : IAsyncDisposable
{
    private readonly Socket _udp;
    private readonly TcpListener _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;
    private int _tcpQueries;

    public TinyDnsServer(bool serveTcp = true)
    {
        (_udp, _tcp) = BindPair();
        if (!serveTcp)
            _tcp.Stop();
        _loops = serveTcp ? [Task.Run(UdpLoopAsync), Task.Run(TcpLoopAsync)] : [Task.Run(UdpLoopAsync)];
    }

    public int Port => ((IPEndPoint)_udp.LocalEndPoint!).Port;
    public string Server => $"127.0.0.1:{Port}";
    public int TcpQueries => Volatile.Read(ref _tcpQueries);

    private static (Socket, TcpListener) BindPair()
    {
        for (var i = 0; i < 20; i++)
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            try
            {
                var tcp = Listeners.Start(IPAddress.Loopback, ((IPEndPoint)udp.LocalEndPoint!).Port);
                return (udp, tcp);
            }
            catch (SocketException)
            {
                udp.Dispose();
            }
        }
        throw new InvalidOperationException("no port free for both UDP and TCP");
    }

    private static DnsMessage? Answer(DnsMessage query, bool overTcp)
    {
        var question = query.Questions[0];
        var reply = new DnsMessage
        {
            Id = query.Id,
            IsResponse = true,
            RecursionDesired = query.RecursionDesired,
            RecursionAvailable = true,
            Questions = query.Questions,
        };
        return question.Name switch
        {
            "silent.test" => null,
            "nx.test" => reply with { ResponseCode = DnsResponseCode.NameError },
            "fail.test" => reply with { ResponseCode = DnsResponseCode.ServerFailure },
            "refuse.test" => reply with { ResponseCode = DnsResponseCode.Refused },
            "a.test" => reply with { Answers = [new DnsRecord("a.test", DnsRecordType.A, 60, "192.0.2.1")] },
            "big.test" when !overTcp => reply with { Truncated = true },
            "big.test" => reply with { Answers = [new DnsRecord("big.test", DnsRecordType.A, 60, "192.0.2.7")] },
            _ => reply,
        };
    }

    private async Task UdpLoopAsync()
    {
        var buffer = new byte[4096];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        try
        {
            while (true)
            {
                var received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
                if (Answer(DnsMessage.Parse(buffer.AsSpan(0, received.ReceivedBytes)), overTcp: false) is { } reply)
                    await _udp.SendToAsync(reply.Encode(), SocketFlags.None, received.RemoteEndPoint, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task TcpLoopAsync()
    {
        try
        {
            while (true)
            {
                var client = await _tcp.AcceptSocketAsync(_stop.Token);
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        try
                        {
                            var header = new byte[2];
                            await client.ReceiveAsync(header, SocketFlags.None, _stop.Token);
                            var body = new byte[BinaryPrimitives.ReadUInt16BigEndian(header)];
                            var filled = 0;
                            while (filled < body.Length)
                                filled += await client.ReceiveAsync(body.AsMemory(filled), SocketFlags.None, _stop.Token);
                            Interlocked.Increment(ref _tcpQueries);
                            if (Answer(DnsMessage.Parse(body), overTcp: true) is { } reply)
                                await client.SendAsync(DnsMessage.FrameForTcp(reply.Encode()), SocketFlags.None, _stop.Token);
                        }
                        catch (Exception e) when (e is OperationCanceledException or SocketException)
                        {
                        }
                    }
                });
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _udp.Dispose();
        _tcp.Stop();
        await Task.WhenAll(_loops).WaitAsync(TestTimeouts.Await);
        _stop.Dispose();
    }
}
