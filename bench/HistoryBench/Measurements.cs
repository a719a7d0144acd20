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

    /// <summary>
    /// Requests made before the timed ones, so the server's code is past tiered JIT compilation, as in a server that has
    /// run for a while: the runtime recompiles a hot method (instrumented, then optimized) after hundreds of calls, and
    /// with only 100 before timing a series still took twice its settled time.
    /// </summary>
    public const int WarmUp = 300;

    /// <summary>
    /// Times <paramref name="requests"/> exchanges (request sent to the whole body read); each body is checked after its
    /// clock stops, so the client's parsing is not counted.
    /// </summary>
    public static async Task<Timed> TimeAsync(string name, int requests, Func<int, Task<Exchange>> send, Func<Exchange, string> check)
    {
        for (var i = 0; i < WarmUp; i++)
            check(await send(i));
        var samples = new List<double>(requests);
        var first = "";
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            var exchange = await send(WarmUp + i);
            samples.Add(clock.Elapsed.TotalMilliseconds);
            var what = check(exchange);
            if (i == 0)
                first = what;
        }
        return new Timed(name, LatencySummary.From(samples), first);
    }

    /// <summary>One answer: what was asked, its status and its body.</summary>
    public sealed record Exchange(string Path, HttpStatusCode Status, string Body);

    public static async Task<Exchange> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        return new Exchange(path, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A 30-day series of one check: the hour rollup, one entry with about 720 buckets.</summary>
    public static string SeriesPath(long checkId, DateTimeOffset now) =>
        $"/api/checks/{checkId}/series?from={Iso(now.AddDays(-30))}&to={Iso(now)}";

    public static string CheckSeries(Exchange exchange)
    {
        var series = Array(exchange);
        var buckets = series.Sum(s => s!["buckets"]!.AsArray().Count);
        return $"{series.Count} series, {buckets} buckets";
    }

    public static string UptimePath(long checkId) => $"/api/checks/{checkId}/uptime?window=365d";

    public static string CheckUptime(Exchange exchange)
    {
        var body = Object(exchange);
        return $"uptime {(double?)body["uptime"]:0.######} of {(long?)body["total"]} results";
    }

    /// <summary>The check page as a signed-in browser first loads it with the 30-day range: the server renders it whole.</summary>
    public static string CheckPagePath(long checkId) => $"/checks/{checkId}?range=30d";

    public static string CheckCheckPage(Exchange exchange)
    {
        if (exchange.Status != HttpStatusCode.OK || !exchange.Body.Contains("data-range=\"30d\" data-step=\"1h\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"{exchange.Path} answered {(int)exchange.Status} without the 30-day history");
        return $"{exchange.Body.Length / 1024} KiB of HTML";
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

    private static JsonArray Array(Exchange exchange) =>
        (JsonNode.Parse(Success(exchange)) as JsonArray) ?? throw new InvalidOperationException(exchange.Path + " gave no array");

    private static JsonObject Object(Exchange exchange) =>
        (JsonNode.Parse(Success(exchange)) as JsonObject) ?? throw new InvalidOperationException(exchange.Path + " gave no object");

    private static string Success(Exchange exchange) =>
        (int)exchange.Status is >= 200 and < 300
            ? exchange.Body
            : throw new InvalidOperationException($"GET {exchange.Path} -> {(int)exchange.Status}: {exchange.Body}");

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Rate();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Total();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
