namespace Linkwatch.Server.Results.Ingest;

/// <summary>One <c>SubmitResults</c> call waiting for the writer; completed with its ack after commit.</summary>
public sealed class IngestBatch(long agentId, IReadOnlyList<AgentResult> results, DateTimeOffset receivedAt)
{
    public long AgentId { get; } = agentId;
    public IReadOnlyList<AgentResult> Results { get; } = results;
    public DateTimeOffset ReceivedAt { get; } = receivedAt;
    public TaskCompletionSource<ResultAck> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
