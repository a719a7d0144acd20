namespace Linkwatch.Server.Live;

/// <summary>An alert opened, resolved, was acknowledged or stopped flapping.</summary>
public sealed record AlertChanged(long AlertId, long CheckId, string State) : LiveEvent;
