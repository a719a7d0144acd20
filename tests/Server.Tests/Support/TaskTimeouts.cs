namespace Linkwatch.Server.Tests.Support;

public static class TaskTimeouts
{
    public static Task<T> OrTimeout<T>(this Task<T> task) => task.WaitAsync(TestServer.Timeout);

    public static Task OrTimeout(this Task task) => task.WaitAsync(TestServer.Timeout);
}
