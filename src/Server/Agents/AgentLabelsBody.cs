namespace Linkwatch.Server.Agents;

/// <summary>Body of <c>PUT /api/agents/{name}/labels</c>: the agent's whole new label set (<c>{}</c> clears it).</summary>
public sealed record AgentLabelsBody(Dictionary<string, string>? Labels);
