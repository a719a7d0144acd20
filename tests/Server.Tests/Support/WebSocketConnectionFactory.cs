using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Linkwatch.Server.Tests.Support;

/// <summary>
/// HubConnection transport over a plain ClientWebSocket (the full SignalR client package is not
/// available here). Connects straight to the ws:// hub URL, skipping negotiate.
/// </summary>
public sealed class WebSocketConnectionFactory(string bearerToken) : IConnectionFactory
{
    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var uri = ((UriEndPoint)endpoint).Uri;
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + bearerToken);
        await socket.ConnectAsync(uri, cancellationToken);
        return new WebSocketConnection(socket);
    }

    private sealed class WebSocketConnection : ConnectionContext
    {
        private readonly ClientWebSocket _socket;
        private readonly Pipe _toServer = new();
        private readonly Pipe _fromServer = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _receiving;
        private readonly Task _sending;

        public WebSocketConnection(ClientWebSocket socket)
        {
            _socket = socket;
            Transport = new DuplexPipe(_fromServer.Reader, _toServer.Writer);
            _receiving = ReceiveAsync();
            _sending = SendAsync();
        }

        public override string ConnectionId { get; set; } = Guid.NewGuid().ToString("N");
        public override IFeatureCollection Features { get; } = new FeatureCollection();
        public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();
        public override IDuplexPipe Transport { get; set; }

        private async Task ReceiveAsync()
        {
            Exception? error = null;
            try
            {
                while (true)
                {
                    var memory = _fromServer.Writer.GetMemory(4096);
                    var received = await _socket.ReceiveAsync(memory, _stop.Token);
                    if (received.MessageType == WebSocketMessageType.Close)
                        break;
                    _fromServer.Writer.Advance(received.Count);
                    if (received.EndOfMessage && (await _fromServer.Writer.FlushAsync()).IsCompleted)
                        break;
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                error = ex is OperationCanceledException ? null : ex;
            }
            await _fromServer.Writer.CompleteAsync(error);
        }

        private async Task SendAsync()
        {
            try
            {
                while (true)
                {
                    var read = await _toServer.Reader.ReadAsync(_stop.Token);
                    // One whole text message per read, so a UTF-8 sequence is never split across messages.
                    if (!read.Buffer.IsEmpty)
                    {
                        var payload = read.Buffer.IsSingleSegment ? read.Buffer.First : read.Buffer.ToArray();
                        await _socket.SendAsync(payload, WebSocketMessageType.Text, true, _stop.Token);
                    }
                    _toServer.Reader.AdvanceTo(read.Buffer.End);
                    if (read.IsCompleted)
                        break;
                }
                if (_socket.State == WebSocketState.Open)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
            await _toServer.Reader.CompleteAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            await _toServer.Writer.CompleteAsync();
            await _sending.WaitAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await _stop.CancelAsync();
            await _receiving.WaitAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _socket.Abort();
            _socket.Dispose();
            _stop.Dispose();
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}
