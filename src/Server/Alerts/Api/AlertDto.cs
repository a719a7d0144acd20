namespace Linkwatch.Server.Alerts.Api;

/// <summary>
/// An alert as the API and the dashboard show it, with the names of its rule, check and agent. An agent-offline
/// alert has no check (<see cref="CheckId"/> and <see cref="Check"/> null); <see cref="Suppressed"/> marks a check
/// alert held under its agent's offline alert.
/// </summary>
public sealed record AlertDto(
    long Id, long RuleId, string? Rule, long? CheckId, string? Check, long? AgentId, string? Agent, string State,
    DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? LastNotifiedAt,
    string Verdict, string Status, Guid? FirstFailingResultId, DateTimeOffset? FirstFailingAt, bool Flapping, bool Suppressed)
{
    /// <summary>An agent-offline alert: about the agent, not one of its checks.</summary>
    public bool IsAgentAlert => CheckId is null;
}
