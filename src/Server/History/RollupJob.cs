using Linkwatch.Server.Platform.Health;
using Linkwatch.Shared.Diagnostics;
using Quartz;

namespace Linkwatch.Server.History;

/// <summary>The Quartz job that runs <see cref="RollupBuilder"/> every <see cref="Interval"/>, once the store is migrated.</summary>
[DisallowConcurrentExecution]
public sealed partial class RollupJob(RollupBuilder builder, Readiness readiness, RollupJob.Streak streak, ILogger<RollupJob> logger) : IJob
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

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
            await builder.RunAsync(cancellationToken);
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
