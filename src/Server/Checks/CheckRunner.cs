using Linkwatch.Server.Agents;
using Linkwatch.Server.Results;
using Linkwatch.Server.Results.Ingest;
using Linkwatch.Shared.Kinds;
using Linkwatch.Shared.Kinds.ClosePropagation;
using Linkwatch.Shared.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace Linkwatch.Server.Checks;

/// <summary>
/// "Run now": has one agent run one check once, at once, and returns its results. The agent gets its own assignments of
/// the check, as <see cref="AssignmentBuilder"/> makes them (a mesh check: one per peer), through a SignalR client
/// result on its live connection, and answers with one result per assignment. The results are not stored, do not
/// feed alerts and are not shown anywhere else: they answer this call only.
/// </summary>
public sealed partial class CheckRunner(
    LinkwatchDbContext db,
    AgentConnectionRegistry registry,
    IHubContext<AgentHub> hub,
    TimeProvider time,
    ILogger<CheckRunner> logger)
{
    private static readonly IReadOnlyDictionary<string, System.Text.Json.JsonElement> NoOptions =
        new Dictionary<string, System.Text.Json.JsonElement>();

    /// <summary>
    /// Runs check <paramref name="checkId"/> on <paramref name="agent"/>. Fails with 404 (no such check), 400 (no such
    /// agent), 409 (the agent is not online, the check is paused or not assigned to it, the agent refused or lost the
    /// connection), 502 (its answer did not fit the request) or 504 (no answer within the check's timeout + 10 s).
    /// </summary>
    public async Task<RunOutcome> RunOnceAsync(long checkId, string agent, CancellationToken ct)
    {
        var check = await db.Checks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == checkId, ct);
        if (check is null)
            return RunOutcome.Failed(StatusCodes.Status404NotFound, $"no check with id {checkId}");
        var row = string.IsNullOrEmpty(agent) ? null
            : await db.Agents.AsNoTracking().Where(a => a.Name == agent).Select(a => new { a.Id, a.Revoked }).FirstOrDefaultAsync(ct);
        if (row is null)
            return RunOutcome.Failed(StatusCodes.Status400BadRequest, $"no agent named '{agent}'");
        if (row.Revoked || registry.ConnectionOf(row.Id) is not { } connection)
            return RunOutcome.Failed(StatusCodes.Status409Conflict, $"agent '{agent}' is not online");
        if (!check.Enabled)
            return RunOutcome.Failed(StatusCodes.Status409Conflict, $"check {checkId} is paused, so no agent runs it");
        if (!AssignmentBuilder.AppliesTo(check, agent))
            return RunOutcome.Failed(StatusCodes.Status409Conflict, $"check {checkId} is not assigned to agent '{agent}'");

        var peers = AssignmentBuilder.IsMesh(check) ? await AssignmentBuilder.LoadPeersAsync(db, ct) : [];
        var assignments = AssignmentBuilder.Build(agent, [check], peers).Checks;
        if (assignments.Count == 0)
            return RunOutcome.Failed(StatusCodes.Status409Conflict, $"check {checkId} has no mesh peer to aim at from agent '{agent}'");
        if (assignments.Count > HubLimits.MaxRunNowAssignments)
            return RunOutcome.Failed(StatusCodes.Status409Conflict,
                $"check {checkId} has {assignments.Count} mesh peers for agent '{agent}'; run now runs at most {HubLimits.MaxRunNowAssignments}");

        var wait = AnswerTimeout(check, assignments);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait);
        IReadOnlyList<AgentResult>? answer;
        try
        {
            answer = await hub.Clients.Client(connection.ConnectionId)
                .InvokeAsync<IReadOnlyList<AgentResult>>(nameof(IAgentClient.RunNow), assignments.ToArray(), timeout.Token);
        }
        catch (Exception ex) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested && ex is OperationCanceledException or HubException)
        {
            // SignalR reports a client result canceled by its token as a HubException, not as a cancellation.
            Log.NoAnswer(logger, agent, checkId, wait.TotalSeconds);
            return RunOutcome.Failed(StatusCodes.Status504GatewayTimeout,
                $"agent '{agent}' did not answer within {wait.TotalSeconds:0.#} s (the check's timeout + {HubTimeouts.RunNowAnswerSlack.TotalSeconds:0} s)");
        }
        catch (Exception ex) when (ex is HubException or IOException or InvalidOperationException)
        {
            // The agent's handler failed or refused, the connection closed meanwhile, or the agent is too old to run checks on demand.
            Log.RunFailed(logger, agent, checkId, ex.Message);
            return RunOutcome.Failed(StatusCodes.Status409Conflict, $"agent '{agent}' could not run check {checkId}: {ex.Message}");
        }

        var receivedAt = time.GetUtcNow();
        var expected = assignments.Select(a => a.Peer).ToList();
        answer ??= [];
        // The agent answers for what it was asked, as it does for ingest (ResultRules): nothing else is shown.
        if (answer.Count != assignments.Count || answer.Any(r => !ResultRules.IsWellFormed(r) || r.CheckId != checkId)
            || !answer.Select(r => string.IsNullOrEmpty(r.Peer) ? null : r.Peer).Order().SequenceEqual(expected.Order()))
        {
            Log.BadAnswer(logger, agent, checkId);
            return RunOutcome.Failed(StatusCodes.Status502BadGateway, $"agent '{agent}' answered with results that do not match check {checkId}");
        }
        Log.Ran(logger, checkId, agent, answer.Count);
        return new RunOutcome(answer.Select(r => ResultsApi.ToDto(ResultRules.ToRow(r, row.Id, receivedAt), agent)).ToList(),
            StatusCodes.Status200OK, null);
    }

    /// <summary>The check's timeout, a close-propagation check's deadline on top, and the slack for the answer's way back.</summary>
    private static TimeSpan AnswerTimeout(Check check, IReadOnlyList<CheckAssignment> assignments)
    {
        var first = assignments[0];
        var timeout = TimeSpan.FromSeconds(check.TimeoutSeconds);
        var extra = TimeSpan.Zero;
        if (check.Kind == CheckKinds.ClosePropagation)
        {
            CheckKindCatalog.Validate(first.Kind, first.Target, first.Family, timeout, first.Options ?? NoOptions, out var valid);
            if (valid?.Options is ClosePropagationOptions options)
                extra = options.Deadline;
        }
        return timeout + extra + HubTimeouts.RunNowAnswerSlack;
    }
}
