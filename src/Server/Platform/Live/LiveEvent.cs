namespace Linkwatch.Server.Platform.Live;

/// <summary>Something the dashboard (and later the alert engine) may want to react to.</summary>
public abstract record LiveEvent;

/// <summary>Results newly committed by ingest (duplicates of stored ids are not repeated).</summary>
public sealed record ResultsStored(IReadOnlyList<StoredResult> Results) : LiveEvent;

/// <summary>
/// A stored result as consumers need it; <paramref name="Phases"/> are the first attempt's timings (ms),
/// <paramref name="Peer"/> the target agent of a mesh result, <paramref name="Detail"/> its error or message.
/// </summary>
public sealed record StoredResult(
    Guid Id, long CheckId, long AgentId, DateTimeOffset StartedAt, string Status, string Verdict,
    IReadOnlyDictionary<string, double>? Phases = null, string? Peer = null, string? Detail = null);

/// <summary>An agent connected (online) or its connection ended (offline).</summary>
public sealed record AgentStatusChanged(long AgentId, string Name, bool Online, DateTimeOffset At) : LiveEvent;

/// <summary>New network change events of one agent's host were stored.</summary>
public sealed record NetworkEventsStored(long AgentId, string Name, int Count) : LiveEvent;

/// <summary>Checks were created, changed (paused, resumed, edited) or deleted.</summary>
public sealed record ChecksChanged(IReadOnlyList<long> CheckIds) : LiveEvent;
