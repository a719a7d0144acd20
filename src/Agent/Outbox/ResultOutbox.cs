using Linkwatch.Agent.State;
using Linkwatch.Shared;
using Microsoft.Extensions.Logging;

namespace Linkwatch.Agent.Outbox;

/// <summary>
/// Durable queue of results not yet acknowledged by the server. Every result is written here
/// first and deleted only on ack, so a crash or outage on either side loses nothing.
/// </summary>
public sealed class ResultOutbox(AgentRuntimeOptions options, ILogger<ResultOutbox> logger) : IAsyncDisposable
{
    public const string FileName = "outbox.db";
    private readonly DurableQueue<AgentResult> _queue = new(options.DataDirectory, FileName, "outbox",
        LinkwatchJsonContext.Default.AgentResult, r => r.Id, options.OutboxCapacity, logger);

    public Task AddAsync(AgentResult result, CancellationToken cancellationToken) => _queue.AddAsync([result], cancellationToken);

    /// <summary>The oldest unsent results (ids are UUIDv7, so id order is time order).</summary>
    public Task<IReadOnlyList<AgentResult>> PeekAsync(int max, CancellationToken cancellationToken) => _queue.PeekAsync(max, cancellationToken);

    /// <summary>Deletes acknowledged results.</summary>
    public Task DeleteAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken) => _queue.DeleteAsync(ids, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) => _queue.CountAsync(cancellationToken);

    /// <summary>Waits until a result is added or the timeout passes.</summary>
    public Task WaitForNewAsync(TimeSpan timeout, CancellationToken cancellationToken) => _queue.WaitForNewAsync(timeout, cancellationToken);

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}
