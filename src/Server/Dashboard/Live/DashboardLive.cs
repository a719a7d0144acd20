using System.Collections.Immutable;
using System.Threading.Channels;

namespace Linkwatch.Server.Dashboard.Live;

/// <summary>
/// The live feed of one circuit (scoped): pages subscribe, and get at most one <see cref="DashboardChange"/>
/// per <see cref="MinInterval"/> however fast agents submit results. The first change after a quiet spell
/// is delivered at once; later ones wait until the interval since the previous delivery has passed and
/// travel together. Disposed with the circuit, which ends its subscription to <see cref="LiveEvents"/>.
/// </summary>
public sealed partial class DashboardLive : IAsyncDisposable
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private readonly LiveEvents _live;
    private readonly TimeProvider _time;
    private readonly ILogger<DashboardLive> _logger;
    // Unbounded is safe: the loop drains everything each round, and publishers (ingest, the hubs) must never wait on a browser.
    private readonly Channel<LiveEvent> _events = Channel.CreateUnbounded<LiveEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private ImmutableArray<Func<DashboardChange, Task>> _handlers = [];
    private IDisposable? _subscription;
    private Task? _loop;

    public DashboardLive(LiveEvents live, TimeProvider time, ILogger<DashboardLive> logger)
    {
        _live = live;
        _time = time;
        _logger = logger;
    }

    /// <summary>Calls <paramref name="handler"/> with each coalesced change until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Func<DashboardChange, Task> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, (list, h) => list.Add(h), handler);
        lock (_gate)
        {
            // Started on first use: a prerendered page (no circuit) never subscribes, so costs nothing.
            if (_subscription is null && !_stopping.IsCancellationRequested)
            {
                _subscription = _live.Subscribe(e => _events.Writer.TryWrite(e));
                _loop = Task.Run(() => RunAsync(_stopping.Token));
            }
        }
        return new Handle(this, handler);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        long? lastDelivery = null;
        try
        {
            while (await _events.Reader.WaitToReadAsync(stoppingToken))
            {
                if (lastDelivery is { } last && MinInterval - _time.GetElapsedTime(last) is { Ticks: > 0 } wait)
                    await Task.Delay(wait, _time, stoppingToken);
                var batch = new List<LiveEvent>();
                while (_events.Reader.TryRead(out var e))
                    batch.Add(e);
                var change = DashboardChange.From(batch);
                if (change.IsEmpty)
                    continue;
                lastDelivery = _time.GetTimestamp();
                await DeliverAsync(change);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(DashboardChange change)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                await handler(change);
            }
            catch (Exception ex) when (!_stopping.IsCancellationRequested)
            {
                // One page failing to refresh must not stop the others; it shows its last state until the next change.
                Log.HandlerFailed(_logger, ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate)
        {
            _stopping.Cancel();
            _subscription?.Dispose();
            _subscription = null;
            loop = _loop;
        }
        _events.Writer.TryComplete();
        if (loop is not null)
            await loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private sealed class Handle(DashboardLive owner, Func<DashboardChange, Task> handler) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref owner._handlers, (list, h) => list.Remove(h), handler);
    }
}
