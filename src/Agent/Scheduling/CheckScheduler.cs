using Linkwatch.Agent.State;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Linkwatch.Agent.Scheduling;

/// <summary>
/// Keeps one Quartz job per assigned check in step with the assignment set: new checks are
/// scheduled, changed ones rescheduled, removed ones deleted. A mesh check has one assignment,
/// and so one job, per peer agent: a job's identity is (check id, peer).
/// </summary>
internal sealed partial class CheckScheduler(
    ISchedulerFactory schedulerFactory,
    AssignmentStore assignments,
    ILogger<CheckScheduler> logger) : IHostedService
{
    private const string Group = "checks";
    // First runs are spread over up to this long so a large set does not fire in one burst,
    // while a newcomer still sees results within seconds.
    private static readonly TimeSpan MaxInitialSpread = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(long CheckId, string? Peer), CheckAssignment> _scheduled = [];
    private IScheduler? _scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        assignments.Changed += OnChanged;
        if ((assignments.Current ?? assignments.LoadFromDisk()) is { } set)
            await ReconcileAsync(set, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        assignments.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(AssignmentSet set) => _ = ReconcileSafelyAsync(set);

    private async Task ReconcileSafelyAsync(AssignmentSet set)
    {
        try
        {
            await ReconcileAsync(set, CancellationToken.None);
        }
        catch (SchedulerException ex)
        {
            Log.ReconcileFailed(logger, ex.Message);
        }
    }

    private async Task ReconcileAsync(AssignmentSet set, CancellationToken cancellationToken)
    {
        if (_scheduler is null)
            return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var wanted = new Dictionary<(long, string?), CheckAssignment>();
            foreach (var c in set.Checks.Where(c => c.IntervalSeconds >= 1))
                wanted.TryAdd(KeyOf(c), c);
            foreach (var key in _scheduled.Keys.Where(key => !wanted.ContainsKey(key)).ToList())
            {
                await _scheduler.DeleteJob(JobKeyOf(key), cancellationToken);
                _scheduled.Remove(key);
            }
            foreach (var (key, check) in wanted)
            {
                if (_scheduled.TryGetValue(key, out var existing) && SameSchedule(existing, check))
                {
                    // Same interval: the job reads the newest definition at each run.
                    _scheduled[key] = check;
                    continue;
                }
                await _scheduler.DeleteJob(JobKeyOf(key), cancellationToken);
                var builder = JobBuilder.Create<CheckJob>()
                    .WithIdentity(JobKeyOf(key))
                    .UsingJobData(CheckJob.CheckIdKey, check.CheckId);
                if (check.Peer is { } peer)
                    builder = builder.UsingJobData(CheckJob.PeerKey, peer);
                var job = builder.Build();
                var spread = Math.Min(MaxInitialSpread.TotalMilliseconds, check.IntervalSeconds * 1000.0);
                var trigger = TriggerBuilder.Create()
                    .WithIdentity(JobKeyOf(key).Name, Group)
                    .StartAt(DateTimeOffset.UtcNow.AddMilliseconds(Random.Shared.NextDouble() * spread))
                    .WithSimpleSchedule(s => s
                        .WithInterval(TimeSpan.FromSeconds(check.IntervalSeconds))
                        .RepeatForever()
                        // After a pause (suspend, overload) skip the missed runs instead of bursting them.
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
                    .Build();
                await _scheduler.ScheduleJob(job, trigger, default, cancellationToken);
                _scheduled[key] = check;
            }
            Log.Scheduled(logger, _scheduled.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static bool SameSchedule(CheckAssignment a, CheckAssignment b) => a.IntervalSeconds == b.IntervalSeconds;

    private static (long CheckId, string? Peer) KeyOf(CheckAssignment check) => (check.CheckId, check.Peer);

    // Agent names are letters, digits, '.', '_' and '-', so "check-ID@PEER" cannot collide with "check-ID".
    private static JobKey JobKeyOf((long CheckId, string? Peer) key) =>
        new(key.Peer is null ? "check-" + key.CheckId : $"check-{key.CheckId}@{key.Peer}", Group);
}
