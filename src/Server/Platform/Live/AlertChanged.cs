namespace Linkwatch.Server.Platform.Live;

/// <summary>An alert opened, resolved, was acknowledged or stopped flapping; <paramref name="CheckId"/> is null for an agent-offline alert.</summary>
public sealed record AlertChanged(long AlertId, long? CheckId, string State) : LiveEvent;
