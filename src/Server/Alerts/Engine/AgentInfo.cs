namespace Linkwatch.Server.Alerts.Engine;

/// <summary>The parts of an agent the agent-offline rules match on.</summary>
public sealed record AgentInfo(string Name, IReadOnlyDictionary<string, string> Labels);
