using System.Collections.Concurrent;

namespace Linkwatch.Server.Results;

/// <summary>
/// The newest result of every (check, agent) series, kept in memory from the results ingest publishes, so a page
/// that shows thousands of series reads them without a query each. A series not seen since the server started is
/// read from the store once (<see cref="GetOrLoadAsync"/>); after that, ingest keeps it current.
/// </summary>
public sealed class LatestResults : IDisposable
{
    /// <summary>The newest of a series, or null when the store had none (then the next stored result fills it).</summary>
    public sealed record Entry(DateTimeOffset StartedAt, Guid Id, string Status, string Verdict, IReadOnlyDictionary<string, double>? Phases,
        string? Peer, string? Detail);

    private readonly ConcurrentDictionary<(long Check, long Agent), Entry?> _latest = new();
    private readonly IDisposable _subscription;
    private long _version;

    public LatestResults(LiveEvents live) => _subscription = live.Subscribe(OnLiveEvent);

    /// <summary>Counts the batches of results taken in; it moves only after a batch is in the map.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The series' newest result; <paramref name="load"/> reads it from the store the first time only.</summary>
    public async ValueTask<Entry?> GetOrLoadAsync(long checkId, long agentId, Func<Task<Entry?>> load)
    {
        if (_latest.TryGetValue((checkId, agentId), out var known))
            return known;
        var loaded = await load();
        // A result ingested while the store was read is newer than what the read found: keep the newer.
        return _latest.AddOrUpdate((checkId, agentId), loaded, (_, current) => Newer(current, loaded));
    }

    private void OnLiveEvent(LiveEvent liveEvent)
    {
        if (liveEvent is not ResultsStored stored)
            return;
        foreach (var r in stored.Results)
        {
            var entry = new Entry(r.StartedAt, r.Id, r.Status, r.Verdict, r.Phases, r.Peer, r.Detail);
            _latest.AddOrUpdate((r.CheckId, r.AgentId), entry, (_, current) => Newer(current, entry));
        }
        Interlocked.Increment(ref _version);
    }

    /// <summary>The store's order for "newest": start time, then id (UUIDv7, time-ordered).</summary>
    private static Entry? Newer(Entry? a, Entry? b) =>
        a is null ? b : b is null ? a : (b.StartedAt, b.Id).CompareTo((a.StartedAt, a.Id)) > 0 ? b : a;

    public void Dispose() => _subscription.Dispose();
}
