namespace Linkwatch.Server.Dashboard;

/// <summary>One overview row: a check as one agent runs it. <see cref="Agent"/> is null when no agent runs the check.</summary>
public sealed record CheckAgentRow(string? Agent, bool AgentOnline, LatestResult? Latest)
{
    public bool Paused { get; init; }

    /// <summary>A push check's row: its results come from the monitored job through the server, not from an agent.</summary>
    public bool Pushed { get; init; }

    /// <summary>(up + degraded) / total over the last 24 h, from memory (History/UptimeCounter); null without results.</summary>
    public double? Uptime24h { get; init; }

    public string Status => Paused ? StatusNames.Paused : Latest?.Status ?? StatusNames.Waiting;
}
