using System.Net;
using System.Net.Sockets;

namespace Linkwatch.TestSupport;

/// <summary>A loopback UDP socket on an ephemeral port that answers each datagram through a function (null: silence).</summary>
public sealed class UdpTestServer : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public UdpTestServer(Func<byte[], byte[]?> answer)
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _loop = Task.Run(() => LoopAsync(answer));
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;
    public string Target => $"127.0.0.1:{Port}";

    private async Task LoopAsync(Func<byte[], byte[]?> answer)
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
                if (answer(buffer[..received.ReceivedBytes]) is { } reply)
                    await _socket.SendToAsync(reply, SocketFlags.None, received.RemoteEndPoint, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>A UDP port with nothing bound: bound once by us, then released.</summary>
    public static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _socket.Dispose();
        await _loop.WaitAsync(TestTimeouts.Await);
        _stop.Dispose();
    }
}
