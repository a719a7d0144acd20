using System.Text.Json;
using Linkwatch.Agent.Outbox;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.State;
using Quartz;

namespace Linkwatch.Agent.Scheduling;

/// <summary>One scheduled run of one assigned check; the result goes to the outbox first.</summary>
[DisallowConcurrentExecution]
internal sealed class CheckJob(AssignmentStore assignments, ICheckRunner runner, ResultOutbox outbox, TimeProvider time) : IJob
{
    public const string CheckIdKey = "checkId";
    /// <summary>The peer agent of a mesh assignment; absent for ordinary checks.</summary>
    public const string PeerKey = "peer";
    private static readonly IReadOnlyDictionary<string, JsonElement> NoOptions = new Dictionary<string, JsonElement>();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var checkId = context.MergedJobDataMap.GetLong(CheckIdKey);
        var peer = context.MergedJobDataMap.TryGetString(PeerKey, out var p) && !string.IsNullOrEmpty(p) ? p : null;
        if (assignments.Find(checkId, peer) is not { } check)
            return;
        var startedAt = time.GetUtcNow();
        var request = new CheckRequest(check.Kind, check.Target, check.Family,
            TimeSpan.FromSeconds(check.TimeoutSeconds), check.Options ?? NoOptions);
        CheckOutcome outcome;
        try
        {
            outcome = await runner.RunAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        var result = new AgentResult
        {
            Id = Guid.CreateVersion7(startedAt),
            CheckId = checkId,
            StartedAt = startedAt,
            Outcome = outcome,
            Peer = peer,
        };
        await outbox.AddAsync(result, CancellationToken.None);
    }
}
