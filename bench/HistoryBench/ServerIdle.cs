using System.Globalization;

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

    /// <summary>utime + stime of the process, from /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
