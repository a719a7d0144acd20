namespace Linkwatch.Server.Alerts.Engine;

/// <summary>What one alert stands for: a rule, a check and an agent (no agent for a quorum rule).</summary>
public readonly record struct AlertKey(long RuleId, long CheckId, long? AgentId)
{
    /// <summary>The key a result of <paramref name="agentId"/> counts towards: a quorum rule has one alert for all agents.</summary>
    public static AlertKey For(CompiledRule rule, long checkId, long agentId) =>
        new(rule.Id, checkId, rule.Quorum > 1 ? null : agentId);
}
