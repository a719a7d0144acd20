using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Linkwatch.Agent.Tests.Support;

/// <summary>
/// A raw-socket HTTP/1.1 responder on loopback: answers every request with one fixed response
/// and closes. Small enough to trust, and it counts the requests it saw.
/// </summary>
internal sealed class TinyHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly byte[] _response;
    private int _requests;

    public TinyHttpServer(int status, string body, IPAddress? address = null)
    {
        _listener = Listeners.Start(address ?? IPAddress.Loopback);
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status} X\r\nContent-Type: text/plain\r\nContent-Length: {bodyBytes.Length}\r\nConnection: close\r\n\r\n";
        _response = [.. Encoding.ASCII.GetBytes(head), .. bodyBytes];
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => Listeners.PortOf(_listener);
    public int Requests => Volatile.Read(ref _requests);

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TestTimeouts.Await);
            var received = new List<byte>();
            var buffer = new byte[4096];
            try
            {
                while (!EndsHeaders(received))
                {
                    var n = await client.ReceiveAsync(buffer, timeout.Token);
                    if (n == 0)
                        return;
                    received.AddRange(buffer.AsSpan(0, n));
                }
                Interlocked.Increment(ref _requests);
                await client.SendAsync(_response, timeout.Token);
                client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
            }
        }
    }

    private static bool EndsHeaders(List<byte> data)
    {
        var n = data.Count;
        return n >= 4 && data[n - 4] == '\r' && data[n - 3] == '\n' && data[n - 2] == '\r' && data[n - 1] == '\n';
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop.WaitAsync(TestTimeouts.Await);
        _stop.Dispose();
    }
}
