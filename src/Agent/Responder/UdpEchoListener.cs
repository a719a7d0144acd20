using Linkwatch.Agent.Link;

namespace Linkwatch.Agent.Responder;

/// <summary>
/// The responder's UDP echo. It answers each datagram with the same bytes (never more than it
/// received) and at most the per-source rate. A fatal socket error (the socket closed under the
/// loop, not connected, aborted) rebuilds the socket with backoff and is reported rate-limited:
/// the loop never warns forever about a dead socket.
/// </summary>
internal sealed partial class UdpEchoListener(IPAddress address, int port, int ratePerSource, ILogger logger,
    TimeProvider? time = null)
{
    private readonly SourceRateLimiter _limiter = new(ratePerSource, time ?? TimeProvider.System);
    private readonly SocketRebuilder _rebuilder = new(TimeSpan.FromMilliseconds(100));
    private readonly TaskCompletionSource<int> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _port = port;
    private int _rebuilds;

    /// <summary>The bound port, or -1 when it was in use and the service skipped.</summary>
    public Task<int> Bound => _bound.Task;

    /// <summary>The live socket, so a test can pull it away under the loop.</summary>
    internal Socket? CurrentSocket { get; private set; }

    /// <summary>How many times the socket was rebuilt after a fatal error.</summary>
    internal int Rebuilds => Volatile.Read(ref _rebuilds);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var rebuilding = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = SocketRebuilder.Bind(address, _port, SocketType.Dgram, ProtocolType.Udp);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse && !rebuilding)
            {
                Log.PortInUse(logger, _port);
                _bound.TrySetResult(-1);
                return;
            }
            catch (SocketException ex)
            {
                await _rebuilder.FailedAsync(suppressed => Log.BindFailed(logger, _port, ex.Message, suppressed),
                    cancellationToken).ConfigureAwait(false);
                continue;
            }
            _port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            CurrentSocket = socket;
            if (rebuilding)
            {
                Interlocked.Increment(ref _rebuilds);
                if (_rebuilder.Recovered())
                    Log.Rebuilt(logger, _port);
            }
            else
            {
                Log.Listening(logger, address, _port);
            }
            _bound.TrySetResult(_port);
            try
            {
                await EchoLoopAsync(socket, _rebuilder.Healthy, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The socket is dead; receiving on it again would fail the same way forever.
                rebuilding = true;
                await _rebuilder.FailedAsync(suppressed => Log.SocketFailed(logger, _port, ex.Message, suppressed),
                    cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                CurrentSocket = null;
                socket.Dispose();
            }
        }
    }

    private async Task EchoLoopAsync(Socket socket, Action healthy, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        EndPoint any = new IPEndPoint(address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (true)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex) when (IsPerDatagram(ex.SocketErrorCode))
            {
                continue;
            }
            healthy();
            var source = (IPEndPoint)received.RemoteEndPoint;
            if (!_limiter.TryTake(source.Address))
                continue;
            try
            {
                // The same bytes, never more: an echo must not amplify.
                await socket.SendToAsync(buffer.AsMemory(0, received.ReceivedBytes), SocketFlags.None, source, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (SocketException ex) when (IsPerDatagram(ex.SocketErrorCode) || ex.SocketErrorCode is
                SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NoBufferSpaceAvailable)
            {
                // One unreachable or oversized peer is no reason to stop serving the others.
            }
        }
    }

    // Errors about one datagram or one peer (an ICMP error for an earlier reply, an oversized
    // datagram); the socket itself is fine.
    private static bool IsPerDatagram(SocketError error) =>
        error is SocketError.ConnectionReset or SocketError.MessageSize or SocketError.ConnectionRefused;
}
