using System.Threading.Channels;

namespace Linkwatch.Server.Results.Ingest;

/// <summary>
/// The bounded queue between the hub and the single writer. When it is full, submitters wait:
/// that back-pressure reaches the agents, which keep results in their outboxes meanwhile.
/// </summary>
public sealed class IngestQueue(TimeProvider time)
{
    /// <summary>Batches, not results: at the agents' usual batch sizes this is a few seconds of work.</summary>
    public const int Capacity = 256;

    private readonly Channel<IngestBatch> _channel = Channel.CreateBounded<IngestBatch>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    /// <summary>
    /// The agent id of results the server records itself (push checks): no agent row has it (ids start at 1), so the
    /// API shows such a result's <c>agent</c> as null, and alerts and rollups keep it apart from every agent's.
    /// </summary>
    public const long ServerAgentId = 0;

    public ChannelReader<IngestBatch> Reader => _channel.Reader;

    /// <summary>Queues results the server made (see <see cref="IngestBatch.FromServer"/>) and waits for their commit.</summary>
    public async Task SubmitFromServerAsync(IReadOnlyList<AgentResult> results, CancellationToken cancellationToken)
    {
        var batch = new IngestBatch(ServerAgentId, results, time.GetUtcNow(), fromServer: true);
        await _channel.Writer.WriteAsync(batch, cancellationToken);
        await batch.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Queues the results and returns the ack once they are committed.</summary>
    public async Task<ResultAck> SubmitAsync(long agentId, IReadOnlyList<AgentResult> results, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
            return new ResultAck();
        var batch = new IngestBatch(agentId, results, time.GetUtcNow());
        await _channel.Writer.WriteAsync(batch, cancellationToken);
        return await batch.Completion.Task.WaitAsync(cancellationToken);
    }
}
