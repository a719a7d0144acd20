using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Linkwatch.TestSupport;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a WebSocket endpoint at <c>/ws</c> and a plain
/// <c>200 ok</c> at <c>/</c>: a stock ASP.NET Core WebSocket server, not our own framing.
/// </summary>
public sealed class WebSocketTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebSocketTestServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<WebSocketTestServer> StartAsync(WebSocketBehavior behavior, X509Certificate2? certificate = null)
    {
        var (app, address) = await LoopbackKestrel.StartAsync(app =>
        {
            app.UseWebSockets();
            app.Map("/ws", context => ServeWebSocketAsync(context, behavior));
            app.MapGet("/", () => "ok");
        }, certificate);
        return new WebSocketTestServer(app, address.Port);
    }

    private static async Task ServeWebSocketAsync(HttpContext context, WebSocketBehavior behavior)
    {
        if (behavior == WebSocketBehavior.NotFound || !context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.Await);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, timeout.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                    return;
                }
                var reply = behavior == WebSocketBehavior.Echo ? buffer.AsMemory(0, received.Count) : "something else"u8.ToArray();
                await socket.SendAsync(reply, received.MessageType, received.EndOfMessage, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The probe may leave without waiting for the close handshake.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().OrTimeout();
        await _app.DisposeAsync();
    }
}
