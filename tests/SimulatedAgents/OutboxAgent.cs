using Linkwatch.Shared;
using Microsoft.AspNetCore.SignalR.Client;

namespace Linkwatch.SimulatedAgents;

/// <summary>
/// A simulated agent that keeps the real agent's outbox promise in memory: every result it produces stays unacked
/// until the server's ack names its id, and after a lost connection it reconnects (backing off) and resends, oldest
/// first, whatever was not acked. It produces on its own schedule whether connected or not, as probes keep running
/// through an outage. Ids refused for good (the ack's <c>Rejected</c>) are dropped, as the agent drops them.
/// </summary>
public sealed class OutboxAgent(string name, string credential, Uri hubUri, HttpMessageInvoker invoker, ResultFactory results, int seed)
    : IAsyncDisposable
{
    /// <summary>At most this many results in one call, as the agent's outbox sends its backlog.</summary>
    public const int MaxBatch = 200;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(8);
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();
    private readonly List<AgentResult> _unacked = [];
    private readonly HashSet<Guid> _produced = [];
    private readonly HashSet<Guid> _acked = [];
    private HubConnection? _connection;
    private TimeSpan _backoff = FirstBackoff;
    private DateTime _nextConnect = DateTime.MinValue;

    public string Name { get; } = name;

    /// <summary>Acks naming an id already acked: a resend after an ack lost with its connection.</summary>
    public int AcksForAckedIds { get; private set; }
    /// <summary>Acks naming an id this agent never produced (must be none).</summary>
    public int AcksForUnknownIds { get; private set; }
    public int RejectedIds { get; private set; }
    public int Connects { get; private set; }
    public int FailedCalls { get; private set; }
    public Exception? LastError { get; private set; }

    public int Unacked
    {
        get
        {
            lock (_lock)
                return _unacked.Count;
        }
    }

    public IReadOnlyCollection<Guid> Produced
    {
        get
        {
            lock (_lock)
                return [.. _produced];
        }
    }

    /// <summary>
    /// Every <paramref name="period"/> (with jitter) produces <paramref name="batchSize"/> results until
    /// <paramref name="produceUntil"/> fires, and sends what is unacked; runs until <paramref name="stop"/> fires.
    /// </summary>
    public async Task RunAsync(TimeSpan period, int batchSize, CancellationToken produceUntil, CancellationToken stop)
    {
        // Spread the agents over one period, as agents started at different times are.
        await DelayAsync(period * _random.NextDouble(), stop);
        while (!stop.IsCancellationRequested)
        {
            if (!produceUntil.IsCancellationRequested)
                Produce(batchSize);
            if (_connection is null && DateTime.UtcNow >= _nextConnect)
                await ConnectAsync(stop);
            if (_connection is not null)
                await SendUnackedAsync();
            await DelayAsync(period * (0.75 + _random.NextDouble() / 2), stop);
        }
    }

    private void Produce(int count)
    {
        var batch = results.Create(count);
        lock (_lock)
        {
            foreach (var result in batch)
            {
                _produced.Add(result.Id);
                _unacked.Add(result);
            }
        }
    }

    private async Task ConnectAsync(CancellationToken stop)
    {
        try
        {
            (_connection, _) = await AgentHubConnection.ConnectAsync(Name, credential, hubUri, invoker, stop);
            Connects++;
            _backoff = FirstBackoff;
        }
        catch (Exception ex)
        {
            LastError = ex;
            // The server is down or restarting: try again later, backing off with jitter so 200 agents do not knock at once.
            _nextConnect = DateTime.UtcNow + _backoff * (0.5 + _random.NextDouble());
            _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private async Task SendUnackedAsync()
    {
        var connection = _connection!;
        while (true)
        {
            AgentResult[] batch;
            lock (_lock)
                batch = [.. _unacked.Take(MaxBatch)];
            if (batch.Length == 0)
                return;
            ResultAck ack;
            try
            {
                using var timeout = new CancellationTokenSource(AgentHubConnection.CallTimeout);
                ack = await connection.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), batch, timeout.Token);
            }
            catch (Exception ex)
            {
                // Whatever the call did on the server, its ack is lost: everything in it stays unacked and is resent.
                FailedCalls++;
                LastError = ex;
                _connection = null;
                _nextConnect = DateTime.UtcNow + _backoff * (0.5 + _random.NextDouble());
                await connection.DisposeAsync();
                return;
            }
            Settle(ack);
            if (batch.Length < MaxBatch)
                return;
        }
    }

    private void Settle(ResultAck ack)
    {
        lock (_lock)
        {
            var settled = new HashSet<Guid>();
            foreach (var id in ack.Committed)
            {
                if (!_produced.Contains(id))
                    AcksForUnknownIds++;
                else if (!_acked.Add(id))
                    AcksForAckedIds++;
                settled.Add(id);
            }
            foreach (var id in ack.Rejected)
            {
                RejectedIds++;
                settled.Add(id);
            }
            _unacked.RemoveAll(r => settled.Contains(r.Id));
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop checks the token.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
        _connection = null;
    }
}
