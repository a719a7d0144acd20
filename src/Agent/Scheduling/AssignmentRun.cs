using System.Text.Json;
using Linkwatch.Agent.Probes;
using Linkwatch.Shared.Protocol;

namespace Linkwatch.Agent.Scheduling;

/// <summary>
/// One run of one assignment, as a result: the scheduled job and the server's "run now" both run checks through this,
/// so a check run on demand is exactly the check its schedule runs.
/// </summary>
public static class AssignmentRun
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoOptions = new Dictionary<string, JsonElement>();

    public static async Task<AgentResult> RunAsync(ICheckRunner runner, CheckAssignment check, TimeProvider time, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var request = new CheckRequest(check.Kind, check.Target, check.Family,
            TimeSpan.FromSeconds(check.TimeoutSeconds), check.Options ?? NoOptions);
        var outcome = await runner.RunAsync(request, cancellationToken);
        return new AgentResult
        {
            Id = Guid.CreateVersion7(startedAt),
            CheckId = check.CheckId,
            StartedAt = startedAt,
            Outcome = outcome,
            Peer = check.Peer,
        };
    }

    /// <summary>
    /// "Run now": every assignment once, all at the same time, their results in the order asked. More than
    /// <see cref="HubLimits.MaxRunNowAssignments"/> is refused whole, before anything runs.
    /// </summary>
    public static Task<AgentResult[]> RunAllAsync(ICheckRunner runner, IReadOnlyList<CheckAssignment> checks, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (checks.Count > HubLimits.MaxRunNowAssignments)
            throw new ArgumentException($"run now takes at most {HubLimits.MaxRunNowAssignments} assignments, not {checks.Count}", nameof(checks));
        return Task.WhenAll(checks.Select(c => RunAsync(runner, c, time, cancellationToken)));
    }
}
