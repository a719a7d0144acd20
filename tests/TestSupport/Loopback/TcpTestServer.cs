using System.Net;
using System.Net.Sockets;

namespace Linkwatch.TestSupport;

/// <summary>A loopback TCP server on an ephemeral port that hands each connection to a handler.</summary>
public sealed class TcpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Func<Socket, CancellationToken, Task> _handle;
    private int _connections;

    public TcpTestServer(Func<Socket, CancellationToken, Task> handle, IPAddress? address = null)
    {
        _handle = handle;
        _listener = Listeners.Start(address ?? IPAddress.Loopback);
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => Listeners.PortOf(_listener);
    public string Target => _listener.LocalEndpoint is IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } ep
        ? $"[{ep.Address}]:{ep.Port}"
        : $"127.0.0.1:{Port}";
    public int Connections => Volatile.Read(ref _connections);

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
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TestTimeouts.Await);
        try
        {
            await _handle(client, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop.WaitAsync(TestTimeouts.Await);
        _stop.Dispose();
    }
}
