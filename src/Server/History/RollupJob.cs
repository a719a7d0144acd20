using Linkwatch.Server.Platform.Hosting;
using Quartz;

namespace Linkwatch.Server.History;

/// <summary>The Quartz job that runs <see cref="RollupBuilder"/> every <see cref="Interval"/>, once the store is migrated.</summary>
[DisallowConcurrentExecution]
public sealed partial class RollupJob(RollupBuilder builder, StoreJobRuns<RollupJob> runs, ILogger<RollupJob> logger) : IJob
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        runs.RunAsync(ct => builder.RunAsync(ct), (suppressed, ex) => Log.Failed(logger, suppressed, ex), () => Log.Recovered(logger), cancellationToken);
}
