using Linkwatch.Agent.State;

namespace Linkwatch.Agent.Outbox;

/// <summary>
/// Durable queue of network events not yet acknowledged by the server, in a small SQLite file of its
/// own next to the result outbox: events are few, and keeping them apart keeps the result hot path as it is.
/// </summary>
public sealed class EventOutbox(AgentRuntimeOptions options, ILogger<EventOutbox> logger) : Outbox<NetworkEvent>(
    new DurableQueue<NetworkEvent>(options.DataDirectory, FileName, "events", LinkwatchJsonContext.Default.NetworkEvent,
        e => e.Id, Capacity, logger))
{
    public const string FileName = "events.db";
    /// <summary>Oldest events are dropped past this many unsent ones (the watcher is rate-limited far below it).</summary>
    public const int Capacity = 10_000;

    public Task AddAsync(IReadOnlyList<NetworkEvent> events, CancellationToken cancellationToken) => Queue.AddAsync(events, cancellationToken);
}
