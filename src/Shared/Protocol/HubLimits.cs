namespace Linkwatch.Shared.Protocol;

/// <summary>
/// The sizes of what an agent sends through <c>/hubs/agent</c>. The server enforces the maxima; the agent
/// sends batches of its own sizes, which must stay within them or the server drops the excess.
/// </summary>
public static class HubLimits
{
    /// <summary>Most results the server takes from one <c>SubmitResults</c> call; the rest stay in the agent's outbox.</summary>
    public const int MaxResultsPerCall = 5000;

    /// <summary>Most network events the server takes from one <c>SubmitEvents</c> call.</summary>
    public const int MaxEventsPerCall = 1000;

    /// <summary>
    /// Largest hub message the server accepts: a full <see cref="MaxResultsPerCall"/> batch of ordinary
    /// results fits (about 500 bytes each, 2.5 MB); anything bigger is refused by the framework.
    /// </summary>
    public const long MaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>Invocations one agent may have in flight: it pipelines its next batch while the server commits the previous one.</summary>
    public const int MaxParallelInvocationsPerAgent = 4;

    /// <summary>
    /// Results the agent sends per call by default: a tenth of the maximum, so one call stays small and
    /// its ack quick, and an outbox drains after an outage in a few seconds anyway.
    /// </summary>
    public const int ResultBatchSize = 500;

    /// <summary>Network events the agent sends per call: half the maximum, and far more than a minute of churn (the agent rate-limits them).</summary>
    public const int EventBatchSize = 500;

    /// <summary>
    /// Most assignments one <c>RunNow</c> call may carry (one check's, one per mesh peer). The probes run at the same
    /// time, so this bounds what one click can make an agent open at once; the server refuses a larger run, the agent too.
    /// </summary>
    public const int MaxRunNowAssignments = 16;
}
