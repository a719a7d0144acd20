using System.Collections.Concurrent;
using Linkwatch.Server.Platform.Health;

namespace Linkwatch.Server.History;

/// <summary>
/// The overview's 24 h uptime per series (check and agent), counted in memory in hourly slots from the live
/// <see cref="ResultsStored"/> events and seeded at start from the hour rollups (plus the results not rolled up yet),
/// so building the overview reads no history from the store. The window is the current hour and the 23 before it.
/// </summary>
public sealed class UptimeCounter : IDisposable
{
    private const int Slots = 24;
    private readonly ConcurrentDictionary<(long CheckId, long AgentId), Series> _series = new();
    private readonly IDisposable _subscription;
    private readonly TimeProvider _time;

    public UptimeCounter(LiveEvents live, TimeProvider time)
    {
        _time = time;
        _subscription = live.Subscribe(e =>
        {
            if (e is ResultsStored stored)
                foreach (var r in stored.Results.Where(r => r.Verdict != Verdicts.NoAddress))
                    Add(r.CheckId, r.AgentId, r.StartedAt.ToUnixTimeMilliseconds(), r.Status == Statuses.Down ? 0 : 1, 1);
        });
    }

    /// <summary>(up + degraded) / total over the window; null without results.</summary>
    public double? Uptime(long checkId, long agentId)
    {
        if (!_series.TryGetValue((checkId, agentId), out var series))
            return null;
        var (ok, total) = series.Sum(Steps.Floor(_time.GetUtcNow().ToUnixTimeMilliseconds(), Steps.Hour));
        return total == 0 ? null : (double)ok / total;
    }

    public void Add(long checkId, long agentId, long startedAt, long ok, long total)
    {
        var hour = Steps.Floor(startedAt, Steps.Hour);
        var current = Steps.Floor(_time.GetUtcNow().ToUnixTimeMilliseconds(), Steps.Hour);
        if (hour <= current - (Slots * Steps.Hour) || hour > current + Steps.Hour)
            return;
        _series.GetOrAdd((checkId, agentId), _ => new Series()).Add(hour, ok, total);
    }

    /// <summary>Seeds the counts from the store: the hour rollups of the window and the raw results not rolled up yet.</summary>
    public async Task SeedAsync(LinkwatchDbContext db, CancellationToken ct)
    {
        var current = Steps.Floor(_time.GetUtcNow().ToUnixTimeMilliseconds(), Steps.Hour);
        var first = current - ((Slots - 1) * Steps.Hour);
        var watermark = await db.RollupState.AsNoTracking().Where(s => s.Id == 1).Select(s => (long?)s.Watermark).FirstOrDefaultAsync(ct) ?? 0;
        if (watermark > 0)
        {
            var rows = await db.Rollups.AsNoTracking().Where(r => r.Step == Steps.Hour && r.Start >= first)
                .Select(r => new { r.CheckId, r.AgentId, r.Start, r.Up, r.Degraded, r.Count }).ToListAsync(ct);
            foreach (var r in rows)
                Add(r.CheckId, r.AgentId, r.Start, r.Up + r.Degraded, r.Count);
        }
        var pending = await db.Results.AsNoTracking().Where(r => r.ReceivedAt >= watermark && r.StartedAt >= first && r.Verdict != Verdicts.NoAddress)
            .Select(r => new { r.CheckId, r.AgentId, r.StartedAt, r.Status }).ToListAsync(ct);
        foreach (var r in pending)
            Add(r.CheckId, r.AgentId, r.StartedAt, r.Status == Statuses.Down ? 0 : 1, 1);
    }

    public void Dispose() => _subscription.Dispose();

    private sealed class Series
    {
        private readonly long[] _hours = new long[Slots];
        private readonly long[] _ok = new long[Slots];
        private readonly long[] _total = new long[Slots];

        public void Add(long hour, long ok, long total)
        {
            var slot = (int)((hour / Steps.Hour) % Slots);
            lock (this)
            {
                if (_hours[slot] != hour)
                    (_hours[slot], _ok[slot], _total[slot]) = (hour, 0, 0);
                _ok[slot] += ok;
                _total[slot] += total;
            }
        }

        public (long Ok, long Total) Sum(long currentHour)
        {
            long ok = 0, total = 0;
            lock (this)
            {
                for (var i = 0; i < Slots; i++)
                    if (_hours[i] > currentHour - (Slots * Steps.Hour) && _hours[i] <= currentHour)
                        (ok, total) = (ok + _ok[i], total + _total[i]);
            }
            return (ok, total);
        }
    }
}

/// <summary>Seeds <see cref="UptimeCounter"/> once the store is migrated.</summary>
public sealed class UptimeSeeder(UptimeCounter counter, IServiceScopeFactory scopes, Readiness readiness) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            await counter.SeedAsync(scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>(), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
