namespace Linkwatch.Server.Apis;

/// <summary>An alert as the API and the dashboard show it, with the names of its rule, check and agent.</summary>
public sealed record AlertDto(
    long Id, long RuleId, string? Rule, long CheckId, string? Check, long? AgentId, string? Agent, string State,
    DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? LastNotifiedAt,
    string Verdict, string Status, Guid? FirstFailingResultId, DateTimeOffset? FirstFailingAt, bool Flapping);
