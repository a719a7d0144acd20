using System.Globalization;

namespace Linkwatch.Server.Dashboard.Live;

/// <summary>
/// Writes the server's UTC times in the browser's time zone. The layout learns the zone once per circuit
/// and cascades a new clock, so every time on the page re-renders in it; until then (and while
/// prerendering) times are UTC and say so.
/// </summary>
public sealed class BrowserClock
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static readonly BrowserClock Utc = new(TimeZoneInfo.Utc, "UTC");

    private BrowserClock(TimeZoneInfo zone, string name)
    {
        Zone = zone;
        Name = name;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The zone as the footer names it: the IANA id, or an offset when the server has no such zone.</summary>
    public string Name { get; }

    /// <summary>The browser's IANA zone when the server knows it (DST then follows each time's own date), else its current offset.</summary>
    public static BrowserClock For(string? ianaZone, int offsetMinutes)
    {
        if (!string.IsNullOrEmpty(ianaZone) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaZone, out var zone))
            return new BrowserClock(zone, ianaZone);
        var offset = TimeSpan.FromMinutes(Math.Clamp(offsetMinutes, -14 * 60, 14 * 60));
        if (offset == TimeSpan.Zero)
            return Utc;
        var name = "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        return new BrowserClock(TimeZoneInfo.CreateCustomTimeZone(name, offset, name, name), name);
    }

    public string Time(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, Zone).ToString(TimeFormat, CultureInfo.InvariantCulture);

    public string Time(DateTimeOffset? value) => value is { } v ? Time(v) : "never";

    /// <summary>"12 s ago", "5 min ago", "3 h ago", "2 d ago": for glancing; the exact time stays next to it.</summary>
    public static string Ago(DateTimeOffset value, DateTimeOffset now)
    {
        var age = now - value;
        if (age < TimeSpan.FromSeconds(1))
            return "now";
        return age.TotalSeconds switch
        {
            < 60 => $"{(int)age.TotalSeconds} s ago",
            < 3600 => $"{(int)age.TotalMinutes} min ago",
            < 86400 => $"{(int)age.TotalHours} h ago",
            _ => $"{(int)age.TotalDays} d ago",
        };
    }
}
