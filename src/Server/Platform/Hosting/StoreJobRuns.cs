using Linkwatch.Server.Platform.Health;
using Linkwatch.Shared.Diagnostics;

namespace Linkwatch.Server.Platform.Hosting;

/// <summary>
/// What every scheduled job on the store shares: a run does nothing until the store is migrated, and a failing run
/// is logged once per failure streak (with how many were not logged since), its recovery once. A singleton per job
/// type (Quartz makes the job itself per run), so the streak outlives the runs.
/// </summary>
public sealed class StoreJobRuns<TJob>(Readiness readiness)
{
    private readonly FailureStreak _streak = new(TimeSpan.FromMinutes(10));

    public async ValueTask RunAsync(Func<CancellationToken, Task> work, Action<int, Exception> failed, Action recovered, CancellationToken ct)
    {
        if (!readiness.IsReady)
            return;
        try
        {
            await work(ct);
            if (_streak.Recovered())
                recovered();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (_streak.ShouldLog(out var suppressed))
                failed(suppressed, ex);
        }
    }
}
