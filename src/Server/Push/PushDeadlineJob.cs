using Linkwatch.Server.Platform.Hosting;
using Quartz;

namespace Linkwatch.Server.Push;

/// <summary>The Quartz job that runs <see cref="PushDeadlines"/> every <see cref="Interval"/>, once the store is migrated.</summary>
[DisallowConcurrentExecution]
public sealed partial class PushDeadlineJob(PushDeadlines deadlines, StoreJobRuns<PushDeadlineJob> runs, ILogger<PushDeadlineJob> logger) : IJob
{
    /// <summary>A missed push is recorded within about a second of its deadline; the query is two grouped index reads.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        runs.RunAsync(deadlines.RunAsync, (suppressed, ex) => Log.Failed(logger, suppressed, ex), () => Log.Recovered(logger), cancellationToken);
}
