namespace Linkwatch.TestSupport;

/// <summary>Every await in these tests is bounded, so a hang fails instead of stalling the run.</summary>
public static class TestTimeouts
{
    public static readonly TimeSpan Await = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Process = TimeSpan.FromSeconds(60);

    public static Task<T> OrTimeout<T>(this Task<T> task) => task.WaitAsync(Await);

    public static Task OrTimeout(this Task task) => task.WaitAsync(Await);
}
