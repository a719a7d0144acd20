namespace Linkwatch.BenchSupport;

/// <summary>docs/benchmarks.md: one section per bench, each rewritten by its own program.</summary>
public static class BenchmarksDoc
{
    /// <summary>Replaces the section under <paramref name="heading"/> (up to the next "## " heading), or adds it at the end.</summary>
    public static void WriteSection(string path, string heading, string section)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\nNumbers from the programs under `bench/`, one section each; each program rewrites its own section.\n";
        var lines = existing.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var start = lines.FindIndex(l => l.TrimEnd() == heading);
        if (start < 0)
        {
            File.WriteAllText(path, existing.TrimEnd('\n') + "\n\n" + section);
            return;
        }
        var end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        var before = string.Join('\n', lines.Take(start));
        var after = end < 0 ? "" : "\n" + string.Join('\n', lines.Skip(end));
        File.WriteAllText(path, before + section + after.TrimEnd('\n') + (after.Length > 0 ? "\n" : ""));
    }

    /// <summary>The machine's 1-minute load average, as /proc/loadavg prints it.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
