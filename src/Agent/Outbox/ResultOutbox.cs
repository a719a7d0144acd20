using Linkwatch.Agent.State;

namespace Linkwatch.Agent.Outbox;

/// <summary>
/// Durable queue of results not yet acknowledged by the server. Every result is written here
/// first and deleted only on ack, so a crash or outage on either side loses nothing.
/// </summary>
public sealed class ResultOutbox(AgentRuntimeOptions options, ILogger<ResultOutbox> logger) : Outbox<AgentResult>(
    new DurableQueue<AgentResult>(options.DataDirectory, FileName, "outbox", LinkwatchJsonContext.Default.AgentResult,
        r => r.Id, options.OutboxCapacity, logger))
{
    public const string FileName = "outbox.db";

    public Task AddAsync(AgentResult result, CancellationToken cancellationToken) => Queue.AddAsync([result], cancellationToken);
}
