namespace Linkwatch.Server.Alerts.Engine;

/// <summary>What one alert stands for: a rule, a check and an agent (no agent for a quorum rule).</summary>
public readonly record struct AlertKey(long RuleId, long CheckId, long? AgentId);
