using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Linkwatch.DashboardBench;

/// <summary>
/// The overview's first render as the server does it: a signed-in GET of <c>/</c> is prerendered with the data, so the
/// time to the whole response is the server's first render (plus loopback transfer).
/// </summary>
public static partial class FirstRender
{
    public sealed record Result(LatencySummary Times, int Rows, long Bytes);

    /// <summary>Up to <paramref name="count"/> sequential GETs, stopping early when <paramref name="budget"/> is spent.</summary>
    public static async Task<Result> MeasureAsync(Uri baseUrl, int count, TimeSpan budget)
    {
        using var browser = await SignIn.BrowserAsync(baseUrl);
        var times = new List<double>();
        var rows = 0;
        long bytes = 0;
        var started = Stopwatch.GetTimestamp();
        // One unmeasured request first: the JIT and the page's first compile are not what a person waits for each time.
        await GetAsync(browser);
        while (times.Count < count && Stopwatch.GetElapsedTime(started) < budget)
        {
            var t0 = Stopwatch.GetTimestamp();
            var html = await GetAsync(browser);
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            rows = RowTag().Count(html);
            bytes = html.Length;
        }
        return new Result(LatencySummary.From(times), rows, bytes);
    }

    private static async Task<string> GetAsync(HttpClient browser)
    {
        using var response = await browser.GetAsync("/");
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET / answered {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("<tr class=\"check-row")]
    private static partial Regex RowTag();
}
