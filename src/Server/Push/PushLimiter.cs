namespace Linkwatch.Server.Push;

/// <summary>
/// Pushes accepted per check and minute. A job reports once per run; a loop gone wrong (or someone holding a leaked
/// URL) must not fill the results table. The table is bounded too: windows that ended are dropped as it grows.
/// </summary>
public sealed class PushLimiter(TimeProvider time)
{
    public const int PerMinute = 60;
    private const int MaxTracked = 10_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<long, (DateTimeOffset Start, int Count)> _windows = [];
    private readonly Lock _lock = new();

    public bool TryTake(long checkId)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_windows.Count >= MaxTracked)
            {
                foreach (var ended in _windows.Where(w => now - w.Value.Start >= Window).Select(w => w.Key).ToList())
                    _windows.Remove(ended);
                if (_windows.Count >= MaxTracked)
                    return false;
            }
            var window = _windows.GetValueOrDefault(checkId);
            if (now - window.Start >= Window)
                window = (now, 0);
            if (window.Count >= PerMinute)
                return false;
            _windows[checkId] = (window.Start, window.Count + 1);
            return true;
        }
    }
}
