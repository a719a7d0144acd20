using Linkwatch.Agent.Outbox;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.State;
using Microsoft.Extensions.Hosting;

namespace Linkwatch.Agent.Scheduling;

/// <summary>
/// Runs every assigned check on its interval, one loop per check, in step with the assignment set: new checks start,
/// changed intervals restart, removed checks stop. A mesh check has one assignment, and so one loop, per peer agent:
/// a loop's identity is (check id, peer). A run of a check never overlaps the previous run of the same check; a run
/// that overruns its interval delays the next one instead of queueing a burst, and at most
/// <see cref="MaxConcurrentRuns"/> runs are in flight at once. Each result goes to the outbox first.
/// </summary>
internal sealed partial class CheckScheduler(
    AssignmentStore assignments,
    ICheckRunner runner,
    ResultOutbox outbox,
    TimeProvider time,
    ILogger<CheckScheduler> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>Runs beyond this many at once wait for a slot (a check set far larger than its interval allows).</summary>
    public const int MaxConcurrentRuns = 64;

    // First runs are spread over up to this long so a large set does not fire in one burst,
    // while a newcomer still sees results within seconds.
    private static readonly TimeSpan MaxInitialSpread = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _slots = new(MaxConcurrentRuns, MaxConcurrentRuns);
    private readonly Dictionary<(long CheckId, string? Peer), Scheduled> _scheduled = [];
    private readonly CancellationTokenSource _stopping = new();
    private bool _started;

    /// <summary>How far the first runs are spread; zero in tests, which need each run at a known time.</summary>
    internal TimeSpan InitialSpread { get; init; } = MaxInitialSpread;

    /// <summary>The checks that have a running loop, for tests.</summary>
    internal int ScheduledCount
    {
        get
        {
            lock (_scheduled)
                return _scheduled.Count;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _started = true;
        assignments.Changed += OnChanged;
        if ((assignments.Current ?? assignments.LoadFromDisk()) is { } set)
            await ReconcileAsync(set, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        assignments.Changed -= OnChanged;
        await _stopping.CancelAsync();
        Task[] loops;
        lock (_scheduled)
        {
            loops = _scheduled.Values.Select(s => s.Loop).ToArray();
            _scheduled.Clear();
        }
        // A loop ends as soon as its run sees the cancellation; a probe stuck past that is not waited for beyond the host's limit.
        await Task.WhenAll(loops).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    // Registered as itself and as a hosted service, so the container may dispose it twice, and a host that failed to
    // start may stop it after that: the source is cancelled (every loop ends) but not disposed, which it needs no more.
    public ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        return ValueTask.CompletedTask;
    }

    private void OnChanged(AssignmentSet set) => _ = ReconcileSafelyAsync(set);

    private async Task ReconcileSafelyAsync(AssignmentSet set)
    {
        try
        {
            await ReconcileAsync(set, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Log.ReconcileFailed(logger, ex.Message);
        }
    }

    private async Task ReconcileAsync(AssignmentSet set, CancellationToken cancellationToken)
    {
        if (!_started)
            return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_stopping.IsCancellationRequested)
                return;
            var wanted = new Dictionary<(long, string?), CheckAssignment>();
            foreach (var c in set.Checks.Where(c => c.IntervalSeconds >= 1))
                wanted.TryAdd(KeyOf(c), c);
            lock (_scheduled)
            {
                foreach (var key in _scheduled.Keys.Where(key => !wanted.ContainsKey(key)).ToList())
                {
                    _scheduled[key].Stop();
                    _scheduled.Remove(key);
                }
                foreach (var (key, check) in wanted)
                {
                    // Same interval: the loop reads the newest definition at each run.
                    if (_scheduled.TryGetValue(key, out var existing) && existing.IntervalSeconds == check.IntervalSeconds)
                        continue;
                    existing?.Stop();
                    var interval = TimeSpan.FromSeconds(check.IntervalSeconds);
                    var spread = Math.Min(InitialSpread.TotalMilliseconds, interval.TotalMilliseconds);
                    var firstRun = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * spread);
                    var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                    _scheduled[key] = new Scheduled(check.IntervalSeconds, stop, LoopAsync(key, interval, firstRun, stop.Token));
                }
                Log.Scheduled(logger, _scheduled.Count);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task LoopAsync((long CheckId, string? Peer) key, TimeSpan interval, TimeSpan firstRun, CancellationToken stop)
    {
        // Off the caller's stack: the reconcile that starts a loop does not run its first check.
        await Task.Yield();
        try
        {
            await Task.Delay(firstRun, time, stop);
            using var timer = new PeriodicTimer(interval, time);
            var failing = false;
            do
            {
                var error = await RunOnceAsync(key, stop);
                // Once per streak, not once per run.
                if (error is not null && !failing)
                    Log.RunFailed(logger, key.CheckId, error.GetType().Name, error.Message);
                failing = error is not null;
            }
            // A tick missed while a run overran completes the wait at once, one run late, not once per missed tick.
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>One run and its result stored; the exception when the run or the store failed.</summary>
    private async Task<Exception?> RunOnceAsync((long CheckId, string? Peer) key, CancellationToken stop)
    {
        if (assignments.Find(key.CheckId, key.Peer) is not { } check)
            return null;
        await _slots.WaitAsync(stop);
        try
        {
            var result = await AssignmentRun.RunAsync(runner, check, time, stop);
            await outbox.AddAsync(result, CancellationToken.None);
            return null;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // The check keeps its schedule and the next run tries again.
            return ex;
        }
        finally
        {
            _slots.Release();
        }
    }

    private static (long CheckId, string? Peer) KeyOf(CheckAssignment check) => (check.CheckId, check.Peer);

    private sealed record Scheduled(int IntervalSeconds, CancellationTokenSource Cancellation, Task Loop)
    {
        public void Stop()
        {
            Cancellation.Cancel();
            // The loop's cancellation ends it; the source goes with it.
            Loop.ContinueWith(static (_, cts) => ((CancellationTokenSource)cts!).Dispose(), Cancellation, TaskScheduler.Default);
        }
    }
}
