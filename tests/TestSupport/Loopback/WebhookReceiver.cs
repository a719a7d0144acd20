using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Linkwatch.TestSupport;

/// <summary>
/// An HTTP/1.1 receiver on a raw socket (127.0.0.1, ephemeral port) that records every request as it
/// arrived on the wire, so a test can tell a Content-Length body from a chunked one. Answers every
/// request with <see cref="StatusCode"/>.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public WebhookReceiver(int statusCode = 200)
    {
        StatusCode = statusCode;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int StatusCode { get; set; }
    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook";
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var reader = new BufferedReader(stream);
                while (true)
                {
                    var head = await reader.ReadHeadAsync(_stop.Token);
                    if (head is null)
                        return;
                    var lines = head.Split("\r\n");
                    var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var line in lines.Skip(1))
                    {
                        var colon = line.IndexOf(':');
                        if (colon > 0)
                            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                    }
                    var chunked = headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase);
                    byte[] body = chunked
                        ? await reader.ReadChunkedAsync(_stop.Token)
                        : await reader.ReadExactAsync(headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl) : 0, _stop.Token);
                    Requests.Enqueue(new ReceivedRequest(lines[0], headers, body, chunked, DateTimeOffset.UtcNow));
                    var reply = Encoding.ASCII.GetBytes($"HTTP/1.1 {StatusCode} Status\r\nContent-Length: 0\r\n\r\n");
                    await stream.WriteAsync(reply, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    /// <summary>Minimal buffered reads over the socket: header block, exact byte counts, chunked bodies.</summary>
    private sealed class BufferedReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public async Task<string?> ReadHeadAsync(CancellationToken ct)
        {
            while (true)
            {
                var text = Encoding.ASCII.GetString(_buffer, _start, _end - _start);
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end >= 0)
                {
                    _start += end + 4;
                    return text[..end];
                }
                if (!await FillAsync(ct))
                    return null;
            }
        }

        public async Task<byte[]> ReadExactAsync(int count, CancellationToken ct)
        {
            while (_end - _start < count)
            {
                if (!await FillAsync(ct))
                    throw new IOException("connection closed inside a body");
            }
            var result = _buffer.AsSpan(_start, count).ToArray();
            _start += count;
            return result;
        }

        public async Task<byte[]> ReadChunkedAsync(CancellationToken ct)
        {
            var body = new MemoryStream();
            while (true)
            {
                var sizeLine = await ReadLineAsync(ct);
                var size = Convert.ToInt32(sizeLine.Split(';')[0].Trim(), 16);
                if (size == 0)
                {
                    await ReadLineAsync(ct);
                    return body.ToArray();
                }
                body.Write(await ReadExactAsync(size, ct));
                await ReadLineAsync(ct);
            }
        }

        private async Task<string> ReadLineAsync(CancellationToken ct)
        {
            while (true)
            {
                var span = _buffer.AsSpan(_start, _end - _start);
                var nl = span.IndexOf("\r\n"u8);
                if (nl >= 0)
                {
                    var line = Encoding.ASCII.GetString(span[..nl]);
                    _start += nl + 2;
                    return line;
                }
                if (!await FillAsync(ct))
                    throw new IOException("connection closed inside a chunk");
            }
        }

        private async Task<bool> FillAsync(CancellationToken ct)
        {
            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
            _end += read;
            return read > 0;
        }
    }
}
