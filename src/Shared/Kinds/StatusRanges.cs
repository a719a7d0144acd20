using System.Globalization;

namespace Linkwatch.Shared.Kinds;

/// <summary>HTTP statuses that count as ok: single codes and inclusive ranges, written <c>200-299,301</c>.</summary>
public sealed class StatusRanges
{
    /// <summary>Enough for any real list; a bound so a request cannot make every check run a long loop.</summary>
    public const int MaxRanges = 32;

    private readonly (int Low, int High)[] _ranges;

    private StatusRanges((int Low, int High)[] ranges, string text)
    {
        _ranges = ranges;
        Text = text;
    }

    /// <summary>The list as written, normalised (no spaces): what a message shows.</summary>
    public string Text { get; }

    public bool Contains(int status) => Array.Exists(_ranges, r => status >= r.Low && status <= r.High);

    /// <summary>Parses <paramref name="text"/>; <paramref name="error"/> completes "expectStatus ...".</summary>
    public static bool TryParse(string text, out StatusRanges? ranges, out string? error)
    {
        ranges = null;
        error = null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > MaxRanges)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"may list at most {MaxRanges} statuses or ranges");
            return false;
        }
        var parsed = new List<(int, int)>(parts.Length);
        foreach (var part in parts)
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var (lowText, highText) = dash < 0 ? (part, part) : (part[..dash].Trim(), part[(dash + 1)..].Trim());
            if (!TryStatus(lowText, out var low) || !TryStatus(highText, out var high))
            {
                error = $"'{part}' is not a status 100-599 or a range like 200-299";
                return false;
            }
            if (low > high)
            {
                error = $"range '{part}' ends before it starts";
                return false;
            }
            parsed.Add((low, high));
        }
        ranges = new StatusRanges([.. parsed], string.Join(',', parsed.Select(r => r.Item1 == r.Item2
            ? r.Item1.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{r.Item1}-{r.Item2}"))));
        return true;
    }

    private static bool TryStatus(string text, out int status) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out status) && status is >= 100 and <= 599;
}
