using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Linkwatch.TestSupport;

/// <summary>
/// A raw-socket HTTP/1.1 responder on loopback: answers every request with one fixed response
/// and closes. Small enough to trust, and it counts the requests it saw.
/// </summary>
public sealed class TinyHttpServer : IAsyncDisposable
{
    private readonly TcpTestServer _server;
    private readonly byte[] _response;
    private int _requests;

    public TinyHttpServer(int status, string body, IPAddress? address = null)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status} X\r\nContent-Type: text/plain\r\nContent-Length: {bodyBytes.Length}\r\nConnection: close\r\n\r\n";
        _response = [.. Encoding.ASCII.GetBytes(head), .. bodyBytes];
        _server = new TcpTestServer(ServeAsync, address);
    }

    public int Port => _server.Port;
    public int Requests => Volatile.Read(ref _requests);

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (!EndsHeaders(received))
        {
            var n = await client.ReceiveAsync(buffer, cancellationToken);
            if (n == 0)
                return;
            received.AddRange(buffer.AsSpan(0, n));
        }
        Interlocked.Increment(ref _requests);
        await client.SendAsync(_response, cancellationToken);
        client.Shutdown(SocketShutdown.Send);
    }

    private static bool EndsHeaders(List<byte> data)
    {
        var n = data.Count;
        return n >= 4 && data[n - 4] == '\r' && data[n - 3] == '\n' && data[n - 2] == '\r' && data[n - 1] == '\n';
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
