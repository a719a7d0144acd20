namespace Linkwatch.Server.Agents;

/// <summary>What makes a submitted network event acceptable, and how it becomes a row.</summary>
public static class NetworkEventRules
{
    private const int MaxInterface = 100;
    private const int MaxDetail = 512;
    private static readonly DateTimeOffset Earliest = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool IsWellFormed(NetworkEvent? e) =>
        e is not null && e.Id != Guid.Empty && e.At >= Earliest && NetworkEventKinds.IsFromAgents(e.Kind)
        && (e.Interface?.Length ?? 0) <= MaxInterface && (e.Detail?.Length ?? 0) <= MaxDetail;

    public static NetworkEventRow ToRow(NetworkEvent e, long agentId, long receivedAt) => new()
    {
        Id = e.Id,
        AgentId = agentId,
        At = e.At.ToUnixTimeMilliseconds(),
        Kind = e.Kind,
        Interface = string.IsNullOrEmpty(e.Interface) ? null : e.Interface,
        Detail = string.IsNullOrEmpty(e.Detail) ? null : e.Detail,
        ReceivedAt = receivedAt,
    };
}
