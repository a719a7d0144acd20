using Linkwatch.Server.Dashboard;

namespace Linkwatch.Server.History;

/// <summary>A range of the check page's picker: its name, its label and its length.</summary>
public sealed record HistoryRange(string Name, string Label, TimeSpan Length)
{
    public static readonly IReadOnlyList<HistoryRange> All =
    [
        new("1h", "1 h", TimeSpan.FromHours(1)),
        new("24h", "24 h", TimeSpan.FromHours(24)),
        new("7d", "7 d", TimeSpan.FromDays(7)),
        new("30d", "30 d", TimeSpan.FromDays(30)),
        new("1y", "1 y", TimeSpan.FromDays(365)),
    ];

    public static HistoryRange Default => All[1];

    public static HistoryRange Find(string? name) => All.FirstOrDefault(r => r.Name == name) ?? Default;
}

/// <summary>One uptime tile: the window's name and its counts.</summary>
public sealed record UptimeTile(string Window, HistoryQueries.Counts Counts);

/// <summary>Something on the chart's time axis: an agent's network event (a moment) or an alert (a band while open).</summary>
public sealed record TimelineMark(string Kind, DateTimeOffset At, DateTimeOffset? End, string Label, long? AlertId);

/// <summary>The history part of the check page for one range.</summary>
public sealed record CheckHistoryModel(
    HistoryRange Range, string Step, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<UptimeTile> Uptime,
    ChartData Chart, IReadOnlyList<TimelineMark> Marks);

/// <summary>Reads the check page's uptime tiles, its range chart (through <see cref="HistoryQueries"/>) and the timeline marks.</summary>
public sealed class CheckHistoryQueries(LinkwatchDbContext db, HistoryQueries history, TimeProvider time)
{
    public static readonly string[] TileWindows = ["24h", "7d", "30d", "365d"];

    /// <summary>Network events and alerts shown on one range at most.</summary>
    public const int MaxMarks = 500;

    public async Task<CheckHistoryModel> LoadAsync(long checkId, HistoryRange range, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // One watermark for every read of the page, so the tiles and the chart count the same results.
        var watermark = await history.WatermarkAsync(ct);
        var tiles = new List<UptimeTile>(TileWindows.Length);
        foreach (var window in TileWindows)
            tiles.Add(new UptimeTile(window,
                await history.CountsAsync(checkId, null, now - (long)HistoryQueries.Windows[window].TotalMilliseconds, now + 1, ct, watermark)));

        var from = now - (long)range.Length.TotalMilliseconds;
        var step = HistoryQueries.DefaultStep(from, now);
        var series = await history.SeriesAsync(checkId, from, now, step, null, null, ct, watermark);
        var names = await db.Agents.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var chart = Chart(series, names) with { From = from / 1000.0, To = now / 1000.0 };

        var agentIds = series.Select(s => s.AgentId).ToHashSet();
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.CheckId == checkId && a.OpenedAt <= now && (a.ResolvedAt == null || a.ResolvedAt >= from))
            .OrderByDescending(a => a.OpenedAt).Take(MaxMarks).ToListAsync(ct);
        foreach (var a in alerts)
            if (a.AgentId is { } id)
                agentIds.Add(id);
        var events = await db.NetworkEvents.AsNoTracking()
            .Where(e => agentIds.Contains(e.AgentId) && e.At >= from && e.At <= now)
            .OrderByDescending(e => e.At).Take(MaxMarks).ToListAsync(ct);
        var marks = events.Select(e => new TimelineMark("network", Time.FromMs(e.At), null,
                $"{names.GetValueOrDefault(e.AgentId, "?")}: {e.Kind}{(e.Interface is null ? "" : " " + e.Interface)}{(e.Detail is null ? "" : " " + e.Detail)}", null))
            .Concat(alerts.Select(a => new TimelineMark("alert", Time.FromMs(Math.Max(a.OpenedAt, from)), Time.FromMs(a.ResolvedAt),
                $"alert {a.Id}: {a.Verdict}{(a.AgentId is { } id ? " on " + names.GetValueOrDefault(id, "?") : "")}", a.Id)))
            .OrderBy(m => m.At)
            .ToList();
        return new CheckHistoryModel(range, Steps.Name(step), Time.FromMs(from), Time.FromMs(now), tiles, chart, marks);
    }

    /// <summary>One line per agent and family: the bucket's average latency; null where it has none.</summary>
    private static ChartData Chart(List<HistoryQueries.Series> series, Dictionary<long, string> names)
    {
        var x = series.SelectMany(s => s.Buckets.Select(b => b.Start)).Distinct().Order().ToList();
        var index = x.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        var lines = new List<ChartSeries>(series.Count);
        foreach (var s in series)
        {
            var values = new double?[x.Count];
            foreach (var b in s.Buckets)
                values[index[b.Start]] = b.Avg is { } avg ? Math.Round(avg, 2) : null;
            var agent = names.GetValueOrDefault(s.AgentId, "?");
            lines.Add(new ChartSeries(s.Family is null or Families.Auto ? agent : $"{agent} · {s.Family}", values));
        }
        return new ChartData(x.Select(t => t / 1000.0).ToList(), lines.OrderBy(l => l.Label, StringComparer.Ordinal).ToList());
    }
}

/// <summary>Timeline marks as the chart's JSON: kind, at and end in unix seconds, label.</summary>
public static class TimelineJson
{
    public static string Write(IReadOnlyList<TimelineMark> marks)
    {
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var m in marks)
            {
                json.WriteStartObject();
                json.WriteString("kind", m.Kind);
                json.WriteNumber("at", m.At.ToUnixTimeMilliseconds() / 1000.0);
                if (m.End is { } end)
                    json.WriteNumber("end", end.ToUnixTimeMilliseconds() / 1000.0);
                else
                    json.WriteNull("end");
                json.WriteString("label", m.Label);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
