using System.IO.Pipelines;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Linkwatch.Agent.Link;

/// <summary>
/// A SignalR transport over one <see cref="ClientWebSocket"/>: two pipes, one pumping received
/// text frames to the hub connection, one sending what it writes.
/// </summary>
internal sealed class WebSocketConnection : ConnectionContext
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);
    private readonly ClientWebSocket _socket;
    private readonly Pipe _input = new(new PipeOptions(useSynchronizationContext: false));
    private readonly Pipe _output = new(new PipeOptions(useSynchronizationContext: false));
    private readonly CancellationTokenSource _aborted = new();
    private Task _receiving = Task.CompletedTask;
    private Task _sending = Task.CompletedTask;

    public WebSocketConnection(ClientWebSocket socket)
    {
        _socket = socket;
        Transport = new DuplexPipe(_input.Reader, _output.Writer);
    }

    public override string ConnectionId { get; set; } = Guid.NewGuid().ToString("N");
    public override IFeatureCollection Features { get; } = new FeatureCollection();
    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();
    public override IDuplexPipe Transport { get; set; }

    public void Start()
    {
        _receiving = ReceiveAsync();
        _sending = SendAsync();
    }

    public override void Abort(ConnectionAbortedException abortReason) => _aborted.Cancel();

    private async Task ReceiveAsync()
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                var memory = _input.Writer.GetMemory(4096);
                var received = await _socket.ReceiveAsync(memory, _aborted.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                    break;
                _input.Writer.Advance(received.Count);
                if (received.EndOfMessage)
                {
                    var flushed = await _input.Writer.FlushAsync(_aborted.Token);
                    if (flushed.IsCompleted || flushed.IsCanceled)
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            error = ex;
        }
        finally
        {
            // Completing the reader's side tells the hub connection that the transport is gone.
            await _input.Writer.CompleteAsync(error);
            _output.Reader.CancelPendingRead();
        }
    }

    private async Task SendAsync()
    {
        try
        {
            while (true)
            {
                var read = await _output.Reader.ReadAsync(_aborted.Token);
                if (read.IsCanceled)
                    break;
                var buffer = read.Buffer;
                var remaining = buffer.Length;
                foreach (var segment in buffer)
                {
                    remaining -= segment.Length;
                    await _socket.SendAsync(segment, WebSocketMessageType.Text, remaining == 0, _aborted.Token);
                }
                _output.Reader.AdvanceTo(buffer.End);
                if (read.IsCompleted)
                    break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            await _output.Reader.CompleteAsync();
            await CloseQuietlyAsync();
        }
    }

    private async Task CloseQuietlyAsync()
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            return;
        try
        {
            using var timeout = new CancellationTokenSource(CloseTimeout);
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _output.Writer.CompleteAsync();
        _output.Reader.CancelPendingRead();
        await _sending.WaitAsync(CloseTimeout * 2).ContinueWith(_ => { }, TaskScheduler.Default);
        _aborted.Cancel();
        await _receiving.ContinueWith(_ => { }, TaskScheduler.Default);
        await _input.Reader.CompleteAsync();
        _socket.Dispose();
        _aborted.Dispose();
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}
