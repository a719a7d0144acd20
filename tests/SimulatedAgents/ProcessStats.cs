using System.Diagnostics;
using System.Globalization;

namespace Linkwatch.SimulatedAgents;

/// <summary>CPU time, memory and open files of a process, read from <c>/proc/PID/stat</c>, <c>/proc/PID/status</c> and <c>/proc/PID/fd</c>.</summary>
public static class ProcessStats
{
    private static readonly Lazy<long> ClockTicks = new(ReadClockTicks);

    /// <summary>User plus system CPU time so far.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces; fields count from after it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture); // field 14
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture); // field 15
        return TimeSpan.FromSeconds((utime + stime) / (double)ClockTicks.Value);
    }

    /// <summary>Peak resident set size (VmHWM) in bytes.</summary>
    public static long PeakRss(int pid) => StatusKilobytes(pid, "VmHWM:") * 1024;

    /// <summary>Current resident set size (VmRSS) in bytes.</summary>
    public static long Rss(int pid) => StatusKilobytes(pid, "VmRSS:") * 1024;

    /// <summary>Open file descriptors: the entries of <c>/proc/PID/fd</c>.</summary>
    public static int OpenFiles(int pid) => Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;

    private static long StatusKilobytes(int pid, string key)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"{key} not found in /proc/{pid}/status");
    }

    private static long ReadClockTicks()
    {
        using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
        var text = getconf.StandardOutput.ReadToEnd().Trim();
        getconf.WaitForExit();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks > 0 ? ticks : 100;
    }
}
