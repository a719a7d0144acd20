using System.Globalization;

namespace Linkwatch.DashboardBench;

/// <summary>
/// The chromium processes this bench started (descendants of this process, not someone else's browser), read from /proc.
/// </summary>
public static class BrowserProcesses
{
    /// <summary>CPU time of every live chromium descendant. A renderer that exits in a window takes its time with it.</summary>
    public static TimeSpan CpuTime() => Sum(ProcessStats.CpuTime);

    public static long Rss() => Descendants().Sum(pid => Try(() => ProcessStats.Rss(pid)));

    private static TimeSpan Sum(Func<int, TimeSpan> read) =>
        Descendants().Aggregate(TimeSpan.Zero, (total, pid) => total + Try(() => read(pid)));

    private static List<int> Descendants()
    {
        var parents = new Dictionary<int, (int Parent, string Name)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            var stat = Try(() => File.ReadAllText(Path.Combine(dir, "stat")));
            if (string.IsNullOrEmpty(stat))
                continue;
            var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
            var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            parents[pid] = (parent, name);
        }
        var self = Environment.ProcessId;
        return parents.Where(p => p.Value.Name.StartsWith("chrom", StringComparison.Ordinal) && IsBelow(p.Key, self, parents))
            .Select(p => p.Key).ToList();
    }

    private static bool IsBelow(int pid, int ancestor, Dictionary<int, (int Parent, string Name)> parents)
    {
        // Bounded walk: a process tree is shallow, and a pid reused mid-scan must not loop.
        for (var depth = 0; depth < 64 && parents.TryGetValue(pid, out var entry); depth++)
        {
            if (entry.Parent == ancestor)
                return true;
            pid = entry.Parent;
        }
        return false;
    }

    private static T Try<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return default!;
        }
    }
}
