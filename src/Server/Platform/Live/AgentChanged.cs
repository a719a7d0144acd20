namespace Linkwatch.Server.Platform.Live;

/// <summary>An agent's registered details (its labels) were changed by someone on the server.</summary>
public sealed record AgentChanged(long AgentId, string Name) : LiveEvent;
