using static Linkwatch.Server.Alerts.Api.AlertRulesApi;

namespace Linkwatch.Server.Alerts.Api;

/// <summary>The body of POST and PUT <c>/api/alert-rules</c>; the check and the channels it names must exist.</summary>
public sealed class RuleValidator(LinkwatchDbContext db) : IBodyValidator<RuleBody>
{
    private const int MaxThreshold = 10_000;
    private const int Week = 7 * 24 * 3600;

    public async ValueTask ValidateAsync(RuleBody b, ValidationErrors errors, CancellationToken cancellationToken)
    {
        Validate(b, errors);
        if (!errors.Has("checkId") && b.AgentOffline != true && b.CheckId is { } checkId
            && !await db.Checks.AnyAsync(c => c.Id == checkId, cancellationToken))
            errors.Set("checkId", $"no check with id {checkId}");
        if (!errors.Has("channels") && b.Channels is { Count: > 0 })
        {
            var names = b.Channels.ToList();
            var known = await db.Channels.Where(c => names.Contains(c.Name)).Select(c => c.Name).ToListAsync(cancellationToken);
            var missing = names.Except(known).ToList();
            if (missing.Count > 0)
                errors.Set("channels", $"no channel named {string.Join(", ", missing.Select(m => $"'{m}'"))}");
        }
    }

    /// <summary>Every rule but whether the check and channels it names exist, which the caller judges against its own store.</summary>
    public static void Validate(RuleBody b, ValidationErrors errors)
    {
        errors.Name(b.Name);
        if (b.AgentOffline == true)
            ValidateAgentRule(b, errors);
        else
            ValidateCheckRule(b, errors);
        errors.Range("reminderMinutes", b.ReminderMinutes, 0, Week / 60);
        errors.Labels(b.Labels);
        if (b.Channels is not { Count: > 0 })
            errors.Set("channels", "channels is required: at least one channel name");
    }

    /// <summary>
    /// An agent-offline rule watches agents (named, by labels, or all) and takes none of a check rule's fields.
    /// Agents are named, not looked up: a rule may name an agent before it enrolls.
    /// </summary>
    private static void ValidateAgentRule(RuleBody b, ValidationErrors errors)
    {
        const string NotForAgents = "is not used by agentOffline rules (they watch agents, not check results)";
        if (b.CheckId is not null)
            errors.Set("checkId", $"checkId {NotForAgents}");
        if (b.Verdicts is { Count: > 0 })
            errors.Set("verdicts", $"verdicts {NotForAgents}");
        if (b.Quorum is not null)
            errors.Set("quorum", $"quorum {NotForAgents}");
        if (b.OpenAfterFailures is not null)
            errors.Set("openAfterFailures", $"openAfterFailures {NotForAgents}; use offlineAfterSeconds");
        if (b.ResolveAfterSuccesses is not null)
            errors.Set("resolveAfterSuccesses", $"resolveAfterSuccesses {NotForAgents}");
        if (b.LatencyPhase is not null || b.LatencyThresholdMs is not null)
            errors.Set(b.LatencyPhase is not null ? "latencyPhase" : "latencyThresholdMs", $"latency thresholds {NotForAgents}");
        errors.AgentNames("agents", b.Agents);
        if (!errors.Has("agents") && b.Agents is { Count: > 0 } && b.Labels is { Count: > 0 })
            errors.Set("labels", "give agents or labels, not both");
        errors.Range("offlineAfterSeconds", b.OfflineAfterSeconds, AlertDefaults.MinOfflineAfterSeconds, Week);
    }

    private static void ValidateCheckRule(RuleBody b, ValidationErrors errors)
    {
        if (b.Agents is not null)
            errors.Set("agents", "agents is only for agentOffline rules");
        if (b.OfflineAfterSeconds is not null)
            errors.Set("offlineAfterSeconds", "offlineAfterSeconds is only for agentOffline rules");
        var hasLabels = b.Labels is { Count: > 0 };
        if (b.CheckId is null && !hasLabels)
            errors.Set("checkId", "checkId or labels is required");
        else if (b.CheckId is not null && hasLabels)
            errors.Set("labels", "give checkId or labels, not both");
        errors.Range("openAfterFailures", b.OpenAfterFailures, 1, MaxThreshold);
        errors.Range("resolveAfterSuccesses", b.ResolveAfterSuccesses, 1, MaxThreshold);
        errors.Range("quorum", b.Quorum, 1, 1000);
        if (b.Verdicts?.Any(string.IsNullOrWhiteSpace) == true)
            errors.Set("verdicts", "verdicts must not be empty strings");
        if ((b.LatencyPhase is null) != (b.LatencyThresholdMs is null))
            errors.Set(b.LatencyPhase is null ? "latencyPhase" : "latencyThresholdMs", "latencyPhase and latencyThresholdMs go together");
        else if (b.LatencyThresholdMs is <= 0)
            errors.Set("latencyThresholdMs", "latencyThresholdMs must be positive");
    }
}
