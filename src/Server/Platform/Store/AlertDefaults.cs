namespace Linkwatch.Server.Platform.Store;

/// <summary>The alerting defaults, in one place (docs/alerts.md documents the first three).</summary>
public static class AlertDefaults
{
    /// <summary>One lost packet or a single slow handshake must not page anyone.</summary>
    public const int OpenAfterFailures = 3;
    /// <summary>Two good results in a row, so that one lucky result does not close a real outage.</summary>
    public const int ResolveAfterSuccesses = 2;
    public const int ReminderMinutes = 60;
    /// <summary>An agent-offline alert opens after this long without a connection (a restart or a short network blip does not page).</summary>
    public const int OfflineAfterSeconds = 60;
    public const int MinOfflineAfterSeconds = 10;
    /// <summary>The verdict of an agent-offline alert.</summary>
    public const string AgentOfflineVerdict = "agent_offline";

    /// <summary>A series that opened more than this many alerts within <see cref="FlapWindow"/> is flapping.</summary>
    public const int FlapOpens = 3;
    public static readonly TimeSpan FlapWindow = TimeSpan.FromMinutes(30);
    /// <summary>
    /// A flapping series is stable again once it has stayed on one side for this many times that side's
    /// threshold: a normal cycle reaches 1x, so anything shorter could not tell "settled" from "the next flap".
    /// </summary>
    public const int FlapStableFactor = 3;
}
