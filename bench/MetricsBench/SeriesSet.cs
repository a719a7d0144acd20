namespace Linkwatch.MetricsBench;

/// <summary>What one scrape reports per (check, agent): labels, the newest status, its start time and phases.</summary>
public sealed record Series(string CheckId, string Check, string Kind, string Agent, string Family, string Status, long StartedAtMs, double ConnectMs, double TotalMs);

public static class SeriesSet
{
    public static IReadOnlyList<Series> Create(int agents, int checksPerAgent)
    {
        var random = new Random(42);
        string[] statuses = ["up", "up", "up", "degraded", "down"];
        var list = new List<Series>(agents * checksPerAgent);
        for (var a = 0; a < agents; a++)
        {
            for (var c = 0; c < checksPerAgent; c++)
            {
                list.Add(new Series(c.ToString(System.Globalization.CultureInfo.InvariantCulture), $"check-{c}", "tcp", $"agent-{a:D4}", "auto",
                    statuses[random.Next(statuses.Length)], 1_764_000_000_000 + random.Next(10_000), random.NextDouble() * 20, random.NextDouble() * 40));
            }
        }
        return list;
    }
}
