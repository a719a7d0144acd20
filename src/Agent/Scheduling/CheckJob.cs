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

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var checkId = context.MergedJobDataMap.GetLong(CheckIdKey);
        var peer = context.MergedJobDataMap.TryGetString(PeerKey, out var p) && !string.IsNullOrEmpty(p) ? p : null;
        if (assignments.Find(checkId, peer) is not { } check)
            return;
        AgentResult result;
        try
        {
            result = await AssignmentRun.RunAsync(runner, check, time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        await outbox.AddAsync(result, CancellationToken.None);
    }
}
