using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Linkwatch.HistoryBench;

/// <summary>One timed request kind: how long each took from this client (an upper bound of the server's time).</summary>
public sealed record Timed(string Name, LatencySummary Latency, string Check);

/// <summary>wrk against the public status page.</summary>
public sealed record StatusPageLoad(double RequestsPerSecond, string LatencyP50, string LatencyP99, long Requests, long Errors, int Connections, int Seconds);

/// <summary>The reads of a running server over the seeded store.</summary>
public static partial class Measurements
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<Timed> TimeAsync(string name, int requests, Func<int, Task<string>> request)
    {
        for (var i = 0; i < 20; i++)
            await request(i);
        var samples = new List<double>(requests);
        var check = "";
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            var what = await request(i);
            samples.Add(clock.Elapsed.TotalMilliseconds);
            if (i == 0)
                check = what;
        }
        return new Timed(name, LatencySummary.From(samples), check);
    }

    /// <summary>A 30-day series of one check: the hour rollup, one entry with about 720 buckets.</summary>
    public static async Task<string> SeriesAsync(HttpClient api, long checkId, DateTimeOffset now)
    {
        var from = Iso(now.AddDays(-30));
        var series = await GetArrayAsync(api, $"/api/checks/{checkId}/series?from={from}&to={Iso(now)}");
        var buckets = series.Sum(s => s!["buckets"]!.AsArray().Count);
        return $"{series.Count} series, {buckets} buckets";
    }

    public static async Task<string> UptimeAsync(HttpClient api, long checkId)
    {
        var body = await GetObjectAsync(api, $"/api/checks/{checkId}/uptime?window=365d");
        return $"uptime {(double?)body["uptime"]:0.######} of {(long?)body["total"]} results";
    }

    /// <summary>The check page as a signed-in browser first loads it with the 30-day range: the server renders it whole.</summary>
    public static async Task<string> CheckPageAsync(HttpClient browser, long checkId)
    {
        using var response = await browser.GetAsync($"/checks/{checkId}?range=30d");
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || !html.Contains("data-range=\"30d\" data-step=\"1h\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"/checks/{checkId}?range=30d answered {(int)response.StatusCode} without the 30-day history");
        return $"{html.Length / 1024} KiB of HTML";
    }

    public static async Task<StatusPageLoad> WrkAsync(Uri url, int connections, int seconds)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", url.ToString() })
            info.ArgumentList.Add(arg);
        using var wrk = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(seconds + 30));
        if (wrk.ExitCode != 0)
            throw new InvalidOperationException("wrk failed: " + output + await wrk.StandardError.ReadToEndAsync());
        if (!Total().IsMatch(output) || Total().Match(output).Groups[1].Value == "0")
            throw new InvalidOperationException("wrk completed no request:\n" + output);
        double Number(Regex r) => double.Parse(r.Match(output).Groups[1].Value, Inv);
        var errors = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, Inv) : 0;
        var socketErrors = SocketErrors().Match(output) is { Success: true } s
            ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, Inv)) : 0;
        return new StatusPageLoad(Number(Rate()), Percentile(output, "50%"), Percentile(output, "99%"),
            (long)Number(Total()), errors + socketErrors, connections, seconds);
    }

    private static string Percentile(string output, string label) =>
        Regex.Match(output, $@"^\s+{Regex.Escape(label)}\s+(\S+)", RegexOptions.Multiline).Groups[1].Value;

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", Inv);

    private static async Task<JsonArray> GetArrayAsync(HttpClient api, string path) =>
        (JsonNode.Parse(await GetAsync(api, path)) as JsonArray) ?? throw new InvalidOperationException(path + " gave no array");

    private static async Task<JsonObject> GetObjectAsync(HttpClient api, string path) =>
        (JsonNode.Parse(await GetAsync(api, path)) as JsonObject) ?? throw new InvalidOperationException(path + " gave no object");

    private static async Task<string> GetAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path} -> {(int)response.StatusCode}: {body}");
        return body;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Rate();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Total();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
