using System.Globalization;
using System.Text.RegularExpressions;

namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>Reads of a <see cref="SourceMap"/>'s values; a value of an unexpected shape reads as absent.</summary>
internal static partial class SourceFields
{
    public static SourceMap? Map(this SourceMap map, string key) => map[key] as SourceMap;

    public static SourceList? List(this SourceMap map, string key) => map[key] as SourceList;

    /// <summary>A scalar's text (null for a YAML null, a mapping or a list).</summary>
    public static string? String(this SourceMap map, string key) => map[key] is SourceScalar { IsNull: false } s ? s.Value : null;

    /// <summary>A non-empty, trimmed string, or null.</summary>
    public static string? Text(this SourceMap map, string key) => map.String(key)?.Trim() is { Length: > 0 } t ? t : null;

    public static bool? Bool(this SourceMap map, string key) => map.Text(key)?.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => null,
    };

    public static int? Int(this SourceMap map, string key) =>
        int.TryParse(map.Text(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A Go duration (<c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>1.5h</c>, <c>500ms</c>) as a time span; null if not one.</summary>
    public static TimeSpan? Duration(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
            return null;
        if (value == "0")
            return TimeSpan.Zero;
        if (value.Length > 64 || !GoDuration().IsMatch(value))
            return null;
        double seconds = 0;
        foreach (Match part in GoDurationPart().Matches(value))
        {
            var number = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            seconds += number * part.Groups[2].Value switch
            {
                "h" => 3600,
                "m" => 60,
                "s" => 1,
                "ms" => 1e-3,
                "us" or "µs" => 1e-6,
                _ => 1e-9,
            };
        }
        return seconds is >= 0 and < 1e9 ? TimeSpan.FromSeconds(seconds) : null;
    }

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex GoDuration();

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex GoDurationPart();
}
