namespace Linkwatch.Server.Alerts.Engine;

/// <summary>The engine's compiled alert rules; whoever changes rules calls <see cref="Invalidate"/> after saving.</summary>
public interface IAlertRuleCache
{
    void Invalidate();
}

/// <summary>
/// Enabled rules, compiled once and kept until a rule changes, instead of being read and parsed for every batch.
/// <see cref="Invalidate"/> may run on any thread; <see cref="GetAsync"/> runs on the engine's loop. A version number
/// makes an invalidation that lands while rules are being loaded count: that load is used once and read again next time.
/// </summary>
public sealed class AlertRuleCache : IAlertRuleCache
{
    private sealed record Snapshot(int Version, IReadOnlyList<CompiledRule> Rules);

    private int _version;
    private volatile Snapshot? _snapshot;

    public void Invalidate() => Interlocked.Increment(ref _version);

    /// <summary>The current rules; the same list instance until a rule changes.</summary>
    public async Task<IReadOnlyList<CompiledRule>> GetAsync(Func<CancellationToken, Task<List<CompiledRule>>> load, CancellationToken cancellationToken)
    {
        var version = Volatile.Read(ref _version);
        if (_snapshot is { } cached && cached.Version == version)
            return cached.Rules;
        var rules = await load(cancellationToken);
        _snapshot = new Snapshot(version, rules);
        return rules;
    }
}
