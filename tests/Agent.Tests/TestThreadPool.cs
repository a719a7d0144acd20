using System.Runtime.CompilerServices;

namespace Linkwatch.Agent.Tests;

internal static class TestThreadPool
{
    /// <summary>
    /// Many socket tests run at once on a 2-core machine; without a warm pool, continuations wait
    /// for the thread pool to grow, and a loopback connect can take longer than a test's deadline.
    /// </summary>
    [ModuleInitializer]
    internal static void Warm() => ThreadPool.SetMinThreads(Math.Max(32, Environment.ProcessorCount * 8), 32);
}
