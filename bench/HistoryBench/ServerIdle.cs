using Linkwatch.SimulatedAgents;

namespace Linkwatch.HistoryBench;

/// <summary>Waits until a process has used under 5 % of one core for 3 s in a row (its start-up work is done), or the limit passes.</summary>
public static class ServerIdle
{
    public static async Task WaitAsync(int pid, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var quiet = 0;
        var before = CpuSeconds(pid);
        while (quiet < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = CpuSeconds(pid);
            quiet = now - before < 0.05 ? quiet + 1 : 0;
            before = now;
        }
        if (quiet < 3)
            Console.WriteLine($"the server was still busy after {limit.TotalSeconds:0} s; measuring anyway");
    }

    private static double CpuSeconds(int pid) => ProcessStats.CpuTime(pid).TotalSeconds;
}
