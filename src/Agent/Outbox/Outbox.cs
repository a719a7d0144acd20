namespace Linkwatch.Agent.Outbox;

/// <summary>
/// What the agent's durable queues share: entries stay until the server acks them by id, and the
/// link sends every kind of entry the same way (peek a batch, submit, delete what was acked).
/// </summary>
public abstract class Outbox<T> : IAsyncDisposable where T : class
{
    private protected Outbox(DurableQueue<T> queue) => Queue = queue;

    private protected DurableQueue<T> Queue { get; }

    /// <summary>The oldest unsent entries (ids are UUIDv7, so id order is time order); unreadable entries are dropped.</summary>
    public Task<IReadOnlyList<T>> PeekAsync(int max, CancellationToken cancellationToken) => Queue.PeekAsync(max, cancellationToken);

    /// <summary>Deletes acknowledged entries.</summary>
    public Task DeleteAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken) => Queue.DeleteAsync(ids, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) => Queue.CountAsync(cancellationToken);

    /// <summary>Waits until an entry is added or the timeout passes.</summary>
    public Task WaitForNewAsync(TimeSpan timeout, CancellationToken cancellationToken) => Queue.WaitForNewAsync(timeout, cancellationToken);

    public ValueTask DisposeAsync() => Queue.DisposeAsync();
}
