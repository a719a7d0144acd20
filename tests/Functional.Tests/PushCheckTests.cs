using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Linkwatch.Functional.Tests;

/// <summary>Push (heartbeat) checks end to end: the real server, its push endpoint, missed deadlines and webhooks to a real receiver.</summary>
public sealed class PushCheckTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Bad_push_checks_are_400_naming_the_field()
    {
        using var api = fixture.Server.CreateApiClient();
        await AssertBadAsync(api, new { name = "push with target", kind = "push", target = "127.0.0.1:80", intervalSeconds = 60 }, "target");
        await AssertBadAsync(api, new { name = "push grace", kind = "push", intervalSeconds = 60, options = new { graceSeconds = -1 } }, "options.graceSeconds");
        await AssertBadAsync(api, new { name = "push grace text", kind = "push", intervalSeconds = 60, options = new { graceSeconds = "soon" } }, "options.graceSeconds");
        await AssertBadAsync(api, new { name = "push family", kind = "push", intervalSeconds = 60, family = "ipv6" }, "family");
        await AssertBadAsync(api, new { name = "grpc both", kind = "grpc", target = "127.0.0.1:50051", intervalSeconds = 60, options = new { plaintext = true, insecure = true } }, "options.plaintext");
        await AssertBadAsync(api, new { name = "grpc service", kind = "grpc", target = "127.0.0.1:50051", intervalSeconds = 60, options = new { service = "" } }, "options.service");
    }

    [Fact]
    public async Task Push_check_has_an_absolute_push_url_that_records_up_down_ping_and_message_with_no_agent()
    {
        using var api = fixture.Server.CreateApiClient();
        var created = await CreateAsync(api, "/api/checks", new { name = "nightly backup", kind = "push", intervalSeconds = 3600 });
        var id = created["id"]!.GetValue<long>();
        var pushUrl = created["pushUrl"]!.GetValue<string>();
        Assert.StartsWith(new Uri(fixture.Server.BaseUrl, "/api/push/").ToString(), pushUrl);
        Assert.Equal("", created["target"]!.GetValue<string>());
        Assert.Equal(pushUrl, (await Api.GetObjectAsync(api, $"/api/checks/{id}"))["pushUrl"]!.GetValue<string>());
        Assert.Contains((await Api.GetArrayAsync(api, "/api/checks")), c => c!["pushUrl"]?.GetValue<string>() == pushUrl);

        using var anonymous = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        using (var up = await anonymous.GetAsync(pushUrl + "?ping=12.5&msg=" + Uri.EscapeDataString("42 files")))
        {
            Assert.Equal(HttpStatusCode.OK, up.StatusCode);
            Assert.True((await up.Content.ReadFromJsonAsync<JsonObject>())!["ok"]!.GetValue<bool>());
        }
        using (var down = await anonymous.PostAsync(pushUrl + "?status=down&msg=" + Uri.EscapeDataString("disk full"), null))
            Assert.Equal(HttpStatusCode.OK, down.StatusCode);

        var results = await Api.EventuallyAsync(() => Api.GetArrayAsync(api, $"/api/results?checkId={id}"), r => r.Count == 2, Generous, "two push results");
        var (newest, oldest) = (results[0]!, results[1]!);
        Assert.Null(oldest["agent"]);
        Assert.Equal("up", oldest["status"]!.GetValue<string>());
        Assert.Equal("ok", oldest["verdict"]!.GetValue<string>());
        Assert.Equal(12.5, oldest["phases"]!["total"]!.GetValue<double>());
        Assert.Equal("down", newest["status"]!.GetValue<string>());
        Assert.Equal("error", newest["verdict"]!.GetValue<string>());
        Assert.Equal("disk full", newest["error"]!.GetValue<string>());

        // Bounded input, named like any API field; unknown, malformed and paused tokens look alike.
        await AssertPushAsync(anonymous, pushUrl + "?status=sideways", HttpStatusCode.BadRequest, "status");
        await AssertPushAsync(anonymous, pushUrl + "?ping=-3", HttpStatusCode.BadRequest, "ping");
        await AssertPushAsync(anonymous, pushUrl + "?msg=" + new string('x', 1025), HttpStatusCode.BadRequest, "msg");
        await AssertPushAsync(anonymous, pushUrl[..^4] + "AAAA", HttpStatusCode.NotFound);
        await AssertPushAsync(anonymous, new Uri(fixture.Server.BaseUrl, "/api/push/short").ToString(), HttpStatusCode.NotFound);
        using (var pause = await api.PutAsJsonAsync($"/api/checks/{id}", new { name = "nightly backup", kind = "push", intervalSeconds = 3600, enabled = false }))
        {
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
            Assert.Equal(pushUrl, (await pause.Content.ReadFromJsonAsync<JsonObject>())!["pushUrl"]!.GetValue<string>());
        }
        await AssertPushAsync(anonymous, pushUrl, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Viewers_do_not_see_the_push_url()
    {
        using var api = fixture.Server.CreateApiClient();
        var id = (await CreateAsync(api, "/api/checks", new { name = "viewer cannot see", kind = "push", intervalSeconds = 3600 }))["id"]!.GetValue<long>();
        var user = await CreateAsync(api, "/api/users", new { email = "viewer-push@example.test", password = "viewer-password-long", role = "viewer" });
        var key = await CreateAsync(api, "/api/api-keys", new { name = "viewer key", userId = user["id"]!.GetValue<string>() });
        using var viewer = new HttpClient { BaseAddress = fixture.Server.BaseUrl, Timeout = TimeSpan.FromSeconds(15) };
        viewer.DefaultRequestHeaders.Authorization = new("Bearer", key["key"]!.GetValue<string>());
        var seen = await Api.GetObjectAsync(viewer, $"/api/checks/{id}");
        Assert.Equal("viewer cannot see", seen["name"]!.GetValue<string>());
        Assert.Null(seen["pushUrl"]);
    }

    [Fact]
    public async Task Push_check_goes_down_within_interval_and_grace_and_up_on_the_next_push_and_a_rule_delivers_webhooks()
    {
        using var api = fixture.Server.CreateApiClient();
        using var receiver = new WebhookReceiver();
        await CreateAsync(api, "/api/channels", new { name = "push hook", type = "webhook", settings = new { url = receiver.Url } });
        var created = await CreateAsync(api, "/api/checks", new { name = "cron heartbeat", kind = "push", intervalSeconds = 2, options = new { graceSeconds = 1 } });
        var id = created["id"]!.GetValue<long>();
        var pushUrl = created["pushUrl"]!.GetValue<string>();
        await CreateAsync(api, "/api/alert-rules", new { name = "cron missed", checkId = id, openAfterFailures = 1, resolveAfterSuccesses = 1, channels = new[] { "push hook" } });
        using var anonymous = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };

        (await anonymous.GetAsync(pushUrl)).EnsureSuccessStatusCode();
        var pushed = await Api.EventuallyAsync(() => Api.GetArrayAsync(api, $"/api/results?checkId={id}"), r => r.Count >= 1, Generous, "the push");
        var pushedAt = Time(pushed[^1]!["startedAt"]!);

        var missed = await Api.EventuallyAsync(() => Api.GetArrayAsync(api, $"/api/results?checkId={id}"),
            r => r.Any(x => x!["verdict"]!.GetValue<string>() == "no_push"), Generous, "a no_push result");
        var miss = missed.First(x => x!["verdict"]!.GetValue<string>() == "no_push")!;
        Assert.Equal("down", miss["status"]!.GetValue<string>());
        Assert.Null(miss["agent"]);
        // Stamped at the deadline (interval + grace after the push) and recorded within about a second of it.
        var deadline = pushedAt + TimeSpan.FromSeconds(3);
        Assert.InRange(Time(miss["startedAt"]!), deadline - TimeSpan.FromMilliseconds(50), deadline + TimeSpan.FromMilliseconds(50));
        Assert.True(Time(miss["receivedAt"]!) - deadline < TimeSpan.FromSeconds(2.5), $"no_push received {(Time(miss["receivedAt"]!) - deadline).TotalMilliseconds:F0} ms after its deadline");

        var opened = await WaitForAsync(receiver, "opened");
        Assert.Equal("cron heartbeat", opened.Json["check"]!.GetValue<string>());
        Assert.Equal("no_push", opened.Json["verdict"]!.GetValue<string>());
        Assert.Null(opened.Json["agent"]);

        (await anonymous.GetAsync(pushUrl)).EnsureSuccessStatusCode();
        var resolved = await WaitForAsync(receiver, "resolved");
        Assert.Equal(opened.Json["alertId"]!.GetValue<long>(), resolved.Json["alertId"]!.GetValue<long>());
        var latest = (await Api.GetArrayAsync(api, $"/api/results?checkId={id}&limit=1"))[0]!;
        Assert.Equal("ok", latest["verdict"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missed_deadlines_keep_recording_one_no_push_per_interval()
    {
        using var api = fixture.Server.CreateApiClient();
        var id = (await CreateAsync(api, "/api/checks", new { name = "silent job", kind = "push", intervalSeconds = 1, options = new { graceSeconds = 0 } }))["id"]!.GetValue<long>();
        var misses = await Api.EventuallyAsync(() => Api.GetArrayAsync(api, $"/api/results?checkId={id}"), r => r.Count >= 3, Generous, "three no_push results");
        Assert.All(misses, m => Assert.Equal("no_push", m!["verdict"]!.GetValue<string>()));
        var times = misses.Take(3).Select(m => Time(m!["startedAt"]!)).ToList();
        Assert.Equal(TimeSpan.FromSeconds(1), times[0] - times[1]);
        Assert.Equal(TimeSpan.FromSeconds(1), times[1] - times[2]);
    }

    private static async Task AssertBadAsync(HttpClient api, object body, string field)
    {
        using var response = await api.PostAsJsonAsync("/api/checks", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.True(JsonNode.Parse(text)!["errors"]!.AsObject().ContainsKey(field), $"errors name {field}: {text}");
    }

    private static async Task AssertPushAsync(HttpClient http, string url, HttpStatusCode expected, string? field = null)
    {
        using var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{url}: {(int)response.StatusCode} {text}");
        if (field is not null)
            Assert.True(JsonNode.Parse(text)!["errors"]!.AsObject().ContainsKey(field), $"errors name {field}: {text}");
    }

    internal static async Task<JsonObject> CreateAsync(HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    internal static async Task<ReceivedRequest> WaitForAsync(WebhookReceiver receiver, string @event) =>
        (await Api.EventuallyAsync(() => Task.FromResult(receiver.Requests.FirstOrDefault(r => r.Event == @event)), r => r is not null, Generous,
            $"a '{@event}' webhook"))!;

    internal static DateTimeOffset Time(JsonNode node) =>
        DateTimeOffset.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
