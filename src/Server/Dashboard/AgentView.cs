namespace Linkwatch.Server.Dashboard;

public sealed record AgentView(long Id, string Name, bool Online, DateTimeOffset? LastSeen, string? Version);
