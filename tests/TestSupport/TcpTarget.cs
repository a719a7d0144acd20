using System.Net;
using System.Net.Sockets;

namespace Linkwatch.TestSupport;

/// <summary>A listening TCP port on loopback that accepts and closes connections.</summary>
public sealed class TcpTarget : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Listens on <paramref name="port"/>; 0 picks a free one, a former target's port brings it back.</summary>
    public TcpTarget(int port = 0)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        // Closed connections of a former listener on the same port linger in TIME_WAIT.
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public string Target => $"127.0.0.1:{Port}";

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
