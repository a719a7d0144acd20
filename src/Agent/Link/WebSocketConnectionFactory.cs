using System.Net.WebSockets;
using Linkwatch.Shared.Protocol;
using Microsoft.AspNetCore.Connections;

namespace Linkwatch.Agent.Link;

/// <summary>
/// Opens the hub's WebSocket through the agent's own HTTP handler, so the connection to the
/// server resolves and dials exactly like the probes do (one dial path, one resolver).
/// </summary>
/// <remarks>
/// <paramref name="onConnectFailed"/> sees every failed dial, including those of automatic reconnects,
/// which HubConnection would otherwise swallow.
/// </remarks>
internal sealed class WebSocketConnectionFactory(HttpMessageInvoker invoker, string credential, Action<Exception> onConnectFailed) : IConnectionFactory
{
    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (endpoint is not UriEndPoint { Uri: var uri })
            throw new NotSupportedException($"Endpoint type {endpoint.GetType().Name} is not supported.");
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + credential);
        socket.Options.CollectHttpResponseDetails = true;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(HubTimeouts.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(uri, invoker, attempt.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            var timedOut = new TimeoutException($"connecting to {uri.Host}:{uri.Port} took longer than {HubTimeouts.ConnectTimeout.TotalSeconds:0} s");
            onConnectFailed(timedOut);
            throw timedOut;
        }
        catch (WebSocketException) when (socket.HttpStatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var refused = new CredentialRefusedException(socket.HttpStatusCode);
            socket.Dispose();
            onConnectFailed(refused);
            throw refused;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            socket.Dispose();
            onConnectFailed(ex);
            throw;
        }
        var connection = new WebSocketConnection(socket);
        connection.Start();
        return connection;
    }
}
