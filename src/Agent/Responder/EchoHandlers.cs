using System.Net.Sockets;
using System.Text;

namespace Linkwatch.Agent.Responder;

/// <summary>The responder's connection handlers. Each is bounded in time and memory.</summary>
internal static class EchoHandlers
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);
    private static readonly byte[] HealthResponse = Encoding.ASCII.GetBytes(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 3\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nok\n");
    private static readonly byte[] BadRequest = Encoding.ASCII.GetBytes(
        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

    /// <summary>
    /// Echoes every byte until the peer's FIN, then sends the rest and a FIN of its own. So it is
    /// both the TCP echo and the half-close echo: a client that half-closes still gets its bytes.
    /// </summary>
    public static async Task EchoAsync(Socket client, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(IdleTimeout);
            var read = await client.ReceiveAsync(buffer, SocketFlags.None, idle.Token);
            if (read == 0)
                break;
            await client.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, idle.Token);
        }
        client.Shutdown(SocketShutdown.Send);
    }

    /// <summary>
    /// Holds the connection for <paramref name="delay"/> and closes it (a FIN): the peer a
    /// <c>close-propagation</c> check measures, which should see the close after about the delay.
    /// </summary>
    public static async Task CloseAfterAsync(Socket client, TimeSpan delay, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        client.Shutdown(SocketShutdown.Both);
    }

    /// <summary>A minimal HTTP/1.1 health endpoint: any GET or HEAD gets 200 "ok".</summary>
    public static async Task HttpHealthAsync(Socket client, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[8192];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                await client.SendAsync(BadRequest, SocketFlags.None, timeout.Token);
                return;
            }
            var read = await client.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, timeout.Token);
            if (read == 0)
                return;
            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
                break;
        }
        var head = buffer.AsSpan(0, length);
        var isHead = head.StartsWith("HEAD "u8);
        if (!isHead && !head.StartsWith("GET "u8))
        {
            await client.SendAsync(BadRequest, SocketFlags.None, timeout.Token);
            return;
        }
        var response = isHead ? HealthResponse.AsMemory(0, HealthResponse.Length - 3) : HealthResponse;
        await client.SendAsync(response, SocketFlags.None, timeout.Token);
        client.Shutdown(SocketShutdown.Send);
    }
}
