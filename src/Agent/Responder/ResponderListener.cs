using Linkwatch.Agent.Link;

namespace Linkwatch.Agent.Responder;

/// <summary>
/// One TCP service of the responder: binds, accepts, and hands each connection to a handler.
/// A port already in use is reported and skipped, never fatal. A fatal socket error rebuilds
/// the listener with backoff and reports it, rate-limited, instead of warning in a loop.
/// </summary>
internal sealed partial class ResponderListener(
    string service,
    IPAddress address,
    int port,
    Func<Socket, CancellationToken, Task> handle,
    ILogger logger,
    int maxConnections = ResponderListener.DefaultMaxConnections)
{
    // Bounds the work one source can cause; a responder is a test target, not a server farm.
    public const int DefaultMaxConnections = 256;
    private readonly SemaphoreSlim _slots = new(maxConnections, maxConnections);
    private readonly SocketRebuilder _rebuilder = new(TimeSpan.FromMilliseconds(500));
    private readonly TaskCompletionSource<int> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The bound port (useful with port 0), or -1 when the port was in use and the service skipped.</summary>
    public Task<int> Bound => _bound.Task;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket listener;
            try
            {
                listener = SocketRebuilder.Bind(address, port, SocketType.Stream, ProtocolType.Tcp, backlog: 128);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                Log.PortInUse(logger, service, port);
                _bound.TrySetResult(-1);
                return;
            }
            catch (SocketException ex)
            {
                await _rebuilder.FailedAsync(suppressed => Log.BindFailed(logger, service, port, ex.Message, suppressed),
                    cancellationToken).ConfigureAwait(false);
                continue;
            }
            var boundPort = ((IPEndPoint)listener.LocalEndPoint!).Port;
            _bound.TrySetResult(boundPort);
            var recovered = _rebuilder.Recovered();
            if (_rebuilder.Attempt > 0 || recovered)
                Log.Rebuilt(logger, service, boundPort);
            Log.Listening(logger, service, address, boundPort);
            _rebuilder.Healthy();
            try
            {
                await AcceptLoopAsync(listener, cancellationToken);
            }
            catch (SocketException ex)
            {
                // The listening socket itself failed: rebuild it rather than spin on a dead one.
                await _rebuilder.FailedAsync(suppressed => Log.ListenerFailed(logger, service, boundPort, ex.Message, suppressed),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                listener.Dispose();
            }
        }
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await _slots.WaitAsync(cancellationToken);
            Socket client;
            try
            {
                client = await listener.AcceptAsync(cancellationToken);
            }
            catch
            {
                _slots.Release();
                throw;
            }
            _ = ServeAsync(client, cancellationToken);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        try
        {
            using (client)
                await handle(client, cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // A peer that resets or goes away is normal for a test target.
        }
        finally
        {
            _slots.Release();
        }
    }
}
