using System.Globalization;
using Linkwatch.Server.Platform.Json;

namespace Linkwatch.Server.Dashboard;

/// <summary>
/// How the pages write numbers (invariant culture) and the API's exact time format in attributes; times
/// a person reads go through <see cref="Live.BrowserClock"/>.
/// </summary>
public static class Display
{

    /// <summary>Exactly as the API writes the time, so a page and an API answer can be compared as strings.</summary>
    public static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString(UtcMillisecondsDateTimeOffsetConverter.Format, CultureInfo.InvariantCulture);

    public static string Latency(double? ms) => ms switch
    {
        null => "–",
        < 10 => ms.Value.ToString("0.00", CultureInfo.InvariantCulture),
        < 100 => ms.Value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => ms.Value.ToString("0", CultureInfo.InvariantCulture),
    };

    public static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
