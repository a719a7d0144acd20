using Linkwatch.Server.Results;

namespace Linkwatch.Server.Dashboard;

/// <summary>
/// The overview's model, built once per change and shared by every open overview: all of them get the same
/// coalesced change at about the same moment, and building the model (every agent, every series) for each of
/// them would cost the server as many times over. A snapshot is reused while nothing was stored or connected since
/// it was built, and for at most <see cref="MaxAge"/>, so changes that publish no live event (a check created
/// through the API) still show within a second.
/// A check changed through the API or a settings page publishes <see cref="ChecksChanged"/> and shows at once.
/// </summary>
public sealed class OverviewSnapshots : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly IServiceScopeFactory _scopes;
    private readonly LatestResults _latest;
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;
    private readonly Lock _gate = new();
    private long _agentChanges;
    private Snapshot? _current;

    private sealed record Snapshot(long Generation, long BuiltAt, Task<OverviewModel> Model);

    public OverviewSnapshots(IServiceScopeFactory scopes, LatestResults latest, LiveEvents live, TimeProvider time)
    {
        _scopes = scopes;
        _latest = latest;
        _time = time;
        _subscription = live.Subscribe(e =>
        {
            if (e is AgentStatusChanged or ChecksChanged)
                Interlocked.Increment(ref _agentChanges);
        });
    }

    // Read before a build starts: results move the latest results' version only once they are in its map, so a
    // snapshot is never labelled newer than what it was built from.
    private long Generation => _latest.Version + Interlocked.Read(ref _agentChanges);

    /// <summary>The current overview: a snapshot built since the last change, or a new one (built once for all callers).</summary>
    public Task<OverviewModel> GetAsync(CancellationToken cancellationToken)
    {
        Snapshot snapshot;
        lock (_gate)
        {
            var generation = Generation;
            if (_current is not { } current || current.Generation != generation || current.Model.IsFaulted
                || _time.GetElapsedTime(current.BuiltAt) > MaxAge)
                _current = current = new Snapshot(generation, _time.GetTimestamp(), BuildAsync());
            snapshot = current;
        }
        // One caller leaving does not cancel the build the others wait for.
        return snapshot.Model.WaitAsync(cancellationToken);
    }

    private async Task<OverviewModel> BuildAsync()
    {
        await Task.Yield();
        await using var scope = _scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardQueries>().BuildOverviewAsync(CancellationToken.None);
    }

    public void Dispose() => _subscription.Dispose();
}
