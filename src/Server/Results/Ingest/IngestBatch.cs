namespace Linkwatch.Server.Results.Ingest;

/// <summary>One <c>SubmitResults</c> call waiting for the writer; completed with its ack after commit.</summary>
public sealed class IngestBatch(long agentId, IReadOnlyList<AgentResult> results, DateTimeOffset receivedAt, bool fromServer = false)
{
    /// <summary>
    /// Results the server recorded itself (push checks), under <see cref="IngestQueue.ServerAgentId"/>: they were
    /// judged where they were made, so the agents' trust rules do not apply.
    /// </summary>
    public bool FromServer { get; } = fromServer;
    public long AgentId { get; } = agentId;
    public IReadOnlyList<AgentResult> Results { get; } = results;
    public DateTimeOffset ReceivedAt { get; } = receivedAt;
    public TaskCompletionSource<ResultAck> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
