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

    /// <summary>Most bytes the half-close echo holds back before it answers; see <see cref="HalfCloseEchoAsync"/>.</summary>
    public const int HalfCloseHoldLimit = 2 * 1024 * 1024;

    /// <summary>
    /// Echoes every byte until the peer's FIN, then sends the rest and a FIN of its own: a client
    /// that half-closes still gets its bytes.
    /// </summary>
    public static Task EchoAsync(Socket client, CancellationToken cancellationToken) =>
        EchoRestAsync(client, new byte[64 * 1024], cancellationToken);

    /// <summary>
    /// Answers only after the peer's FIN, like a request/response server that reads to EOF: a
    /// proxy that tears the connection down at the client's FIN then loses the whole reply, at any
    /// payload size (with an echo that answers as bytes arrive, part of a small reply could slip
    /// through first). Up to <see cref="HalfCloseHoldLimit"/> bytes are held; past that the rest is
    /// echoed as it arrives, so memory stays bounded.
    /// </summary>
    public static async Task HalfCloseEchoAsync(Socket client, CancellationToken cancellationToken)
    {
        var held = new List<byte[]>();
        var heldBytes = 0;
        var chunk = new byte[64 * 1024];
        var filled = 0;
        while (heldBytes + filled < HalfCloseHoldLimit)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(IdleTimeout);
            var read = await client.ReceiveAsync(chunk.AsMemory(filled), SocketFlags.None, idle.Token);
            if (read == 0)
            {
                await SendHeldAsync(client, held, chunk, filled, cancellationToken);
                client.Shutdown(SocketShutdown.Send);
                return;
            }
            filled += read;
            if (filled == chunk.Length)
            {
                held.Add(chunk);
                heldBytes += filled;
                chunk = new byte[chunk.Length];
                filled = 0;
            }
        }
        await SendHeldAsync(client, held, chunk, filled, cancellationToken);
        await EchoRestAsync(client, chunk, cancellationToken);
    }

    private static async Task SendHeldAsync(Socket client, List<byte[]> held, byte[] last, int lastLength, CancellationToken cancellationToken)
    {
        foreach (var full in held)
            await client.SendAsync(full, SocketFlags.None, cancellationToken);
        if (lastLength > 0)
            await client.SendAsync(last.AsMemory(0, lastLength), SocketFlags.None, cancellationToken);
    }

    private static async Task EchoRestAsync(Socket client, byte[] buffer, CancellationToken cancellationToken)
    {
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
