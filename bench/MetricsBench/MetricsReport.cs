using System.Text;

namespace Linkwatch.MetricsBench;

public sealed record ScrapeStats(string Name, double MedianMs, double P95Ms, long AllocatedBytes, int OutputChars);

/// <summary>The "Metrics exposition" section of docs/benchmarks.md.</summary>
public sealed record MetricsReport(int Series, ScrapeStats Own, ScrapeStats Peer, string Load)
{
    public const string Heading = "## Metrics exposition";

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Heading).AppendLine();
        text.AppendLine($"`dotnet run --project bench/MetricsBench -c Release` on {DateTimeOffset.UtcNow:yyyy-MM-dd}: one `/metrics` scrape of");
        text.AppendLine($"{Series:N0} check series (status x3, success, two latency phases, last-result time), built from the");
        text.AppendLine($"newest results as the server does, by its own writer and by prometheus-net in the same process (load average {Load}).");
        text.AppendLine();
        text.AppendLine("| writer | median ms | p95 ms | allocated per scrape | output |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var s in new[] { Own, Peer })
            text.AppendLine($"| {s.Name} | {s.MedianMs:0.0} | {s.P95Ms:0.0} | {s.AllocatedBytes / (1024.0 * 1024):0.0} MiB | {s.OutputChars / 1024.0:0} KiB |");
        text.AppendLine();
        text.AppendLine($"prometheus-net / own: {Peer.MedianMs / Own.MedianMs:0.00}x the time, {(double)Peer.AllocatedBytes / Own.AllocatedBytes:0.00}x the allocation.");
        return text.ToString();
    }

    public void WriteTo(string path)
    {
        var section = ToMarkdown();
        var lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var start = lines.FindIndex(l => l.TrimEnd() == Heading);
        if (start < 0)
        {
            File.WriteAllText(path, string.Join('\n', lines).TrimEnd('\n') + "\n\n" + section);
            return;
        }
        var end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        var after = end < 0 ? "" : "\n" + string.Join('\n', lines.Skip(end));
        File.WriteAllText(path, string.Join('\n', lines.Take(start)) + "\n" + section + after.TrimEnd('\n') + (after.Length > 0 ? "\n" : ""));
    }
}

public static class RepoRoot
{
    public static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Dashboard.sln")))
                return d.FullName;
        }
        throw new InvalidOperationException("Dashboard.sln not found");
    }
}
