using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace Linkwatch.Agent.Responder;

/// <summary>
/// The responder's WebSocket echo: accepts the RFC 6455 upgrade by hand on a raw socket (the agent
/// has no web server, and one is not worth its memory for one endpoint), then lets
/// <see cref="WebSocket.CreateFromStream(Stream, WebSocketCreationOptions)"/> speak the framing
/// and sends every message back as it came. Any path is accepted, so a check's URL needs no
/// particular path. A plain GET without the upgrade gets 426, which a <c>compareHttp</c> check
/// counts as working HTTP.
/// </summary>
internal static class WebSocketEcho
{
    /// <summary>The largest message echoed; a bigger one closes the connection with 1009 (message too big).</summary>
    public const int MaxMessageBytes = 64 * 1024;
    private const int MaxRequestHeadBytes = 8 * 1024;
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);
    // Long enough to let a polite peer answer our close, short enough not to hold a slot.
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private static readonly byte[] BadRequest = Encoding.ASCII.GetBytes(
        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    private const string UpgradeRequiredBody = "this is the linkwatch WebSocket echo\n";
    private static readonly byte[] UpgradeRequired = Encoding.ASCII.GetBytes(
        "HTTP/1.1 426 Upgrade Required\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n" +
        $"Content-Type: text/plain; charset=utf-8\r\nContent-Length: {UpgradeRequiredBody.Length}\r\nConnection: close\r\n\r\n" +
        UpgradeRequiredBody);

    public static async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        string? key;
        using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            handshake.CancelAfter(HandshakeTimeout);
            key = await ReadUpgradeAsync(client, handshake.Token);
            if (key is null)
            {
                client.Shutdown(SocketShutdown.Send);
                return;
            }
            var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
            await client.SendAsync(Encoding.ASCII.GetBytes(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                $"Sec-WebSocket-Accept: {accept}\r\n\r\n"), SocketFlags.None, handshake.Token);
        }

        await using var stream = new NetworkStream(client, ownsSocket: false);
        using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
        {
            IsServer = true,
            // The client's messages keep the connection alive; the server does not ping.
            KeepAliveInterval = TimeSpan.Zero,
        });
        await EchoAsync(socket, cancellationToken);
    }

    private static async Task EchoAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxMessageBytes];
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult received;
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                idle.CancelAfter(IdleTimeout);
                do
                {
                    if (length == buffer.Length)
                    {
                        await CloseAsync(socket, WebSocketCloseStatus.MessageTooBig, "message over 64 KiB", cancellationToken);
                        return;
                    }
                    try
                    {
                        received = await socket.ReceiveAsync(buffer.AsMemory(length), idle.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        // Cancelling a receive aborts the WebSocket: there is no close frame left to send.
                        return;
                    }
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        await CloseAsync(socket, WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                        return;
                    }
                    length += received.Count;
                }
                while (!received.EndOfMessage);
                await socket.SendAsync(buffer.AsMemory(0, length), received.MessageType, endOfMessage: true, idle.Token);
            }
        }
    }

    private static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string? description,
        CancellationToken cancellationToken)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            return;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CloseTimeout);
        try
        {
            await socket.CloseOutputAsync(status, description, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            // The peer went away first; nothing is owed to it.
        }
    }

    /// <summary>
    /// Reads the request head and returns its Sec-WebSocket-Key, or answers it (400, 426) and
    /// returns null. Bytes after the head are refused: a client must wait for the 101 before framing.
    /// </summary>
    private static async Task<string?> ReadUpgradeAsync(Socket client, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestHeadBytes];
        var length = 0;
        int end;
        while ((end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (length == buffer.Length)
            {
                await client.SendAsync(BadRequest, SocketFlags.None, cancellationToken);
                return null;
            }
            var read = await client.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken);
            if (read == 0)
                return null;
            length += read;
        }
        if (end + 4 != length)
        {
            await client.SendAsync(BadRequest, SocketFlags.None, cancellationToken);
            return null;
        }

        var lines = Encoding.Latin1.GetString(buffer, 0, end).Split("\r\n");
        if (!lines[0].StartsWith("GET ", StringComparison.Ordinal))
        {
            await client.SendAsync(BadRequest, SocketFlags.None, cancellationToken);
            return null;
        }
        string? upgrade = null, connection = null, version = null, key = null;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            var value = line[(colon + 1)..].Trim();
            switch (line[..colon].Trim().ToLowerInvariant())
            {
                case "upgrade": upgrade = value; break;
                case "connection": connection = value; break;
                case "sec-websocket-version": version = value; break;
                case "sec-websocket-key": key = value; break;
            }
        }

        if (!HasToken(upgrade, "websocket") || !HasToken(connection, "upgrade") || version != "13")
        {
            await client.SendAsync(UpgradeRequired, SocketFlags.None, cancellationToken);
            return null;
        }
        Span<byte> decoded = stackalloc byte[24];
        if (key is null || !Convert.TryFromBase64String(key, decoded, out var keyBytes) || keyBytes != 16)
        {
            await client.SendAsync(BadRequest, SocketFlags.None, cancellationToken);
            return null;
        }
        return key;
    }

    private static bool HasToken(string? header, string token) =>
        header is not null && header.Split(',').Any(t => t.Trim().Equals(token, StringComparison.OrdinalIgnoreCase));
}
