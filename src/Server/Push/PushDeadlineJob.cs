using Linkwatch.Server.Platform.Health;
using Linkwatch.Shared.Diagnostics;
using Quartz;

namespace Linkwatch.Server.Push;

/// <summary>The Quartz job that runs <see cref="PushDeadlines"/> every <see cref="Interval"/>, once the store is migrated.</summary>
[DisallowConcurrentExecution]
public sealed partial class PushDeadlineJob(PushDeadlines deadlines, Readiness readiness, PushDeadlineJob.Streak streak,
    ILogger<PushDeadlineJob> logger) : IJob
{
    /// <summary>A missed push is recorded within about a second of its deadline; the query is two grouped index reads.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>One failure streak for every run of the job (a singleton; the job itself is made per run).</summary>
    public sealed class Streak
    {
        public FailureStreak Value { get; } = new(TimeSpan.FromMinutes(10));
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!readiness.IsReady)
            return;
        try
        {
            await deadlines.RunAsync(cancellationToken);
            if (streak.Value.Recovered())
                Log.Recovered(logger);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (streak.Value.ShouldLog(out var suppressed))
                Log.Failed(logger, suppressed, ex);
        }
    }
}
