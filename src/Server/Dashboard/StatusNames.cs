namespace Linkwatch.Server.Dashboard;

/// <summary>Display states beyond the result statuses in <see cref="Statuses"/>.</summary>
public static class StatusNames
{
    /// <summary>No result yet: new check, new agent, or an agent that has not reported.</summary>
    public const string Waiting = "waiting";

    /// <summary>A paused check: it runs nowhere until it is resumed.</summary>
    public const string Paused = "paused";
}
