using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Linkwatch.Functional.Tests;

/// <summary>Alerts end to end: the real server and agent, a real TCP target and real webhook receivers on loopback.</summary>
public sealed class AlertNotificationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private const string Secret = "webhook-secret-for-the-test";

    [Fact]
    public async Task Stopping_and_restarting_a_target_sends_exactly_one_signed_opened_and_one_resolved_webhook()
    {
        using var temp = new TempDirectory();
        var target = new TcpTarget();
        var port = target.Port;
        using var receiver = new WebhookReceiver();
        await using var server = await ServerProcess.StartAsync(temp.Sub("server"));
        var agentData = temp.Sub("agent");
        await AgentProcess.EnrollAsync(server.BaseUrl, "edge-1", agentData);
        await using var agent = AgentProcess.Run(agentData);
        using var api = server.CreateApiClient();

        var checkId = await Api.CreateCheckAsync(api, new { name = "loopback tcp", kind = "tcp", target = target.Target, intervalSeconds = 1 });
        await CreateAsync(api, "/api/channels", new { name = "hook", type = "webhook", settings = new { url = receiver.Url, secret = Secret } });
        await CreateAsync(api, "/api/alert-rules", new { name = "tcp down", checkId, openAfterFailures = 2, resolveAfterSuccesses = 2, channels = new[] { "hook" } });
        await Api.EventuallyAsync(() => Api.GetArrayAsync(api, $"/api/results?checkId={checkId}"),
            r => r.Count >= 2 && r.Take(2).All(x => x!["status"]!.GetValue<string>() == "up"), Generous, "two up results");

        target.Dispose();
        var opened = await WaitForAsync(receiver, "opened", Generous);
        var results = await Api.GetArrayAsync(api, $"/api/results?checkId={checkId}&limit=1000");
        var failing = results.Reverse().Where(r => r!["status"]!.GetValue<string>() != "up").Select(r => r!).ToList();
        var firstFailing = Time(failing[0]["receivedAt"]!);
        var thresholdResult = Time(failing[1]["receivedAt"]!);
        output.WriteLine($"opened webhook {(opened.At - firstFailing).TotalMilliseconds:F0} ms after the first failing result was received, " +
                         $"{(opened.At - thresholdResult).TotalMilliseconds:F0} ms after the second (threshold) one");

        Assert.False(opened.Chunked);
        Assert.True(opened.Headers.ContainsKey("Content-Length"), "Content-Length header");
        Assert.Equal(opened.Body.Length, int.Parse(opened.Headers["Content-Length"], CultureInfo.InvariantCulture));
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), opened.Body)),
            opened.Headers["X-Linkwatch-Signature"]);
        var body = opened.Json;
        Assert.Equal("loopback tcp", body["check"]!.GetValue<string>());
        Assert.Equal("edge-1", body["agent"]!.GetValue<string>());
        Assert.Equal("down", body["status"]!.GetValue<string>());
        Assert.Equal(failing[0]["verdict"]!.GetValue<string>(), body["verdict"]!.GetValue<string>());
        Assert.EndsWith("Z", body["at"]!.GetValue<string>());
        var alertId = body["alertId"]!.GetValue<long>();
        // Within the thresholds plus a second: the result pipeline, not a polling loop, drives alerts.
        Assert.True(opened.At - thresholdResult < TimeSpan.FromSeconds(1), $"opened {(opened.At - thresholdResult).TotalMilliseconds:F0} ms after the threshold result");

        using var again = new TcpTarget(port);
        var resolved = await WaitForAsync(receiver, "resolved", Generous);
        Assert.Equal(alertId, resolved.Json["alertId"]!.GetValue<long>());
        // Late duplicates would show up within a few more results.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(["opened", "resolved"], receiver.Requests.Select(r => r.Event).ToList());

        var alerts = await Api.GetArrayAsync(api, "/api/alerts?state=resolved");
        var alert = Assert.Single(alerts)!;
        Assert.Equal(alertId, alert["id"]!.GetValue<long>());
        Assert.Empty(await Api.GetArrayAsync(api, "/api/alerts?state=open"));
        var deliveries = await Api.GetArrayAsync(api, $"/api/deliveries?alertId={alertId}");
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d => Assert.True(d!["success"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task A_channel_answering_500_is_retried_with_backoff_and_logged_while_another_channel_delivers_at_once()
    {
        using var temp = new TempDirectory();
        int closedPort;
        using (var probe = new TcpTarget())
            closedPort = probe.Port;
        using var broken = new WebhookReceiver(500);
        using var good = new WebhookReceiver();
        await using var server = await ServerProcess.StartAsync(temp.Sub("server"));
        var agentData = temp.Sub("agent");
        await AgentProcess.EnrollAsync(server.BaseUrl, "edge-1", agentData);
        await using var agent = AgentProcess.Run(agentData);
        using var api = server.CreateApiClient();

        var brokenId = await CreateAsync(api, "/api/channels", new { name = "broken", type = "webhook", settings = new { url = broken.Url } });
        var goodId = await CreateAsync(api, "/api/channels", new { name = "good", type = "webhook", settings = new { url = good.Url } });
        var checkId = await Api.CreateCheckAsync(api, new { name = "closed port", kind = "tcp", target = $"127.0.0.1:{closedPort}", intervalSeconds = 1 });
        await CreateAsync(api, "/api/alert-rules", new { name = "down", checkId, openAfterFailures = 1, channels = new[] { "broken", "good" } });

        var delivered = await WaitForAsync(good, "opened", Generous);
        await Api.EventuallyAsync(() => Task.FromResult(broken.Requests.Count), n => n >= 5, Generous, "five attempts at the broken channel");
        var attempts = broken.Requests.ToList();
        var firstTry = attempts[0].At;
        Assert.True((delivered.At - firstTry).Duration() < TimeSpan.FromSeconds(1), $"good channel {(delivered.At - firstTry).TotalMilliseconds:F0} ms from the broken one's first try");
        Assert.True(delivered.At < attempts[1].At, "the good channel did not wait for the broken one's retries");
        for (var i = 1; i < 5; i++)
        {
            var gap = attempts[i].At - attempts[i - 1].At;
            var backoff = TimeSpan.FromSeconds(Math.Pow(2, i - 1));
            output.WriteLine($"attempt {i + 1} after {gap.TotalMilliseconds:F0} ms (backoff {backoff.TotalSeconds} s)");
            Assert.True(gap >= backoff * 0.9, $"attempt {i + 1} came {gap.TotalMilliseconds:F0} ms after the previous one, backoff is {backoff}");
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(5, broken.Requests.Count);
        var log = await Api.GetArrayAsync(api, $"/api/deliveries?channelId={brokenId}");
        Assert.Equal([1, 2, 3, 4, 5], log.Select(d => d!["attempt"]!.GetValue<int>()).Order().ToList());
        Assert.All(log, d =>
        {
            Assert.False(d!["success"]!.GetValue<bool>());
            Assert.Equal(500, d["statusCode"]!.GetValue<int>());
        });
        var goodLog = Assert.Single(await Api.GetArrayAsync(api, $"/api/deliveries?channelId={goodId}"))!;
        Assert.True(goodLog["success"]!.GetValue<bool>());
    }

    private static async Task<long> CreateAsync(HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["id"]!.GetValue<long>();
    }

    private static async Task<ReceivedRequest> WaitForAsync(WebhookReceiver receiver, string @event, TimeSpan timeout) =>
        (await Api.EventuallyAsync(() => Task.FromResult(receiver.Requests.FirstOrDefault(r => r.Event == @event)), r => r is not null, timeout,
            $"a '{@event}' webhook"))!;

    private static DateTimeOffset Time(JsonNode node) =>
        DateTimeOffset.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
