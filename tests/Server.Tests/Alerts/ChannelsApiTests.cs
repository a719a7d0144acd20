using Linkwatch.Server.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Notifications.Channels.Webhook;

namespace Linkwatch.Server.Tests.Alerts;

public sealed class ChannelsApiTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpRecorder _receiver = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _receiver = await HttpRecorder.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_channels_secret_url_and_token_never_reach_the_log()
    {
        using var receiver = new WebhookReceiver();
        const string secret = "bot123456:secret-in-the-url";
        var url = receiver.Url + "/" + Uri.EscapeDataString(secret) + "?token=" + Uri.EscapeDataString(secret);
        using var created = await _server.Api.PostAsJsonAsync("/api/channels",
            new { name = "secret-url", type = "webhook", settings = new { url, secret = "hmac-secret-value-0123" } });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var tested = await _server.Api.PostAsync($"/api/channels/{id}/test", null);
        Assert.True((await tested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("success").GetBoolean());
        Assert.Single(receiver.Requests);

        var logged = string.Join('\n', _server.Logs.Messages);
        Assert.DoesNotContain("secret-in-the-url", logged);
        Assert.DoesNotContain(Uri.EscapeDataString(secret), logged);
        Assert.DoesNotContain("hmac-secret-value-0123", logged);
    }

    [Theory]
    [InlineData("""{"type":"webhook","settings":{"url":"http://h/"}}""", "name")]
    [InlineData("""{"name":"x","type":"smoke-signals","settings":{}}""", "type")]
    [InlineData("""{"name":"x","type":"webhook","settings":{}}""", "settings.url")]
    [InlineData("""{"name":"x","type":"webhook","settings":{"url":"ftp://h/"}}""", "settings.url")]
    [InlineData("""{"name":"x","type":"webhook","settings":{"url":"http://h/","secret":7}}""", "settings.secret")]
    [InlineData("""{"name":"x","type":"telegram","settings":{"chatId":1}}""", "settings.botToken")]
    [InlineData("""{"name":"x","type":"ntfy","settings":{"topic":"t","priority":9}}""", "settings.priority")]
    [InlineData("""{"name":"x","type":"pagerduty","settings":{}}""", "settings.routingKey")]
    [InlineData("""{"name":"x","type":"webhook","settings":"http://h/"}""", "settings")]
    [InlineData("""{"name":"x","type":"webhook","settings":{"url":"http://h/","template":"{\"text\":\"{{nope}}\"}"}}""", "settings.template")]
    [InlineData("""{"name":"x","type":"webhook","settings":{"url":"http://h/","template":"{\"text\": {{check}} }"}}""", "settings.template")]
    [InlineData("""{"name":"x","type":"webhook","settings":{"url":"http://h/","template":"x","contentType":"text/plain; charset=utf-8"}}""", "settings.contentType")]
    [InlineData("""{"name":"x","type":"email","settings":{"from":"a@b.c","to":["d@e.f"]}}""", "settings.host")]
    [InlineData("""{"name":"x","type":"email","settings":{"host":"h","to":["d@e.f"]}}""", "settings.from")]
    [InlineData("""{"name":"x","type":"email","settings":{"host":"h","from":"a@b.c","to":[]}}""", "settings.to")]
    [InlineData("""{"name":"x","type":"email","settings":{"host":"h","from":"a@b.c","to":["not an address"]}}""", "settings.to")]
    [InlineData("""{"name":"x","type":"email","settings":{"host":"h","from":"a@b.c","to":"d@e.f","security":"ssl"}}""", "settings.security")]
    [InlineData("""{"name":"x","type":"email","settings":{"host":"h","from":"a@b.c","to":"d@e.f","port":70000}}""", "settings.port")]
    [InlineData("""{"name":"x","type":"email","settings":{"host":"h","from":"a@b.c","to":"d@e.f","username":"u"}}""", "settings.password")]
    [InlineData("""{"name":"x","type":"email","settings":{"host":"h","from":"a@b.c","to":"d@e.f","username":"u","password":"p","security":"none"}}""", "settings.security")]
    [InlineData("""{"name":"x","type":"email","settings":{"host":"h","from":"a@b.c","to":"d@e.f","trustCertificateFingerprint":"abc"}}""", "settings.trustCertificateFingerprint")]
    [InlineData("""{"name":"x","type":"email","settings":{"host":"h","from":"a@b.c","to":"d@e.f","caFile":"/nonexistent/ca.pem"}}""", "settings.caFile")]
    public async Task A_bad_channel_is_a_400_problem_naming_the_field(string json, string field)
    {
        var response = await _server.Api.PostAsync("/api/channels", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.NamesFieldAsync(response, field);
    }

    [Theory]
    [InlineData("""{"checkId":1,"channels":["hook"]}""", "name")]
    [InlineData("""{"name":"r","channels":["hook"]}""", "checkId")]
    [InlineData("""{"name":"r","checkId":999,"channels":["hook"]}""", "checkId")]
    [InlineData("""{"name":"r","labels":{"a":"b"}}""", "channels")]
    [InlineData("""{"name":"r","labels":{"a":"b"},"channels":["nope"]}""", "channels")]
    [InlineData("""{"name":"r","labels":{"a":"b"},"channels":["hook"],"openAfterFailures":0}""", "openAfterFailures")]
    [InlineData("""{"name":"r","labels":{"a":"b"},"channels":["hook"],"quorum":0}""", "quorum")]
    [InlineData("""{"name":"r","labels":{"a":"b"},"channels":["hook"],"latencyThresholdMs":5}""", "latencyPhase")]
    [InlineData("""{"name":"r","agentOffline":true,"checkId":1,"channels":["hook"]}""", "checkId")]
    [InlineData("""{"name":"r","agentOffline":true,"verdicts":["timeout"],"channels":["hook"]}""", "verdicts")]
    [InlineData("""{"name":"r","agentOffline":true,"quorum":2,"channels":["hook"]}""", "quorum")]
    [InlineData("""{"name":"r","agentOffline":true,"offlineAfterSeconds":5,"channels":["hook"]}""", "offlineAfterSeconds")]
    [InlineData("""{"name":"r","agentOffline":true,"agents":["edge-1"],"labels":{"a":"b"},"channels":["hook"]}""", "labels")]
    [InlineData("""{"name":"r","agentOffline":true,"agents":[""],"channels":["hook"]}""", "agents")]
    [InlineData("""{"name":"r","agentOffline":true}""", "channels")]
    [InlineData("""{"agentOffline":true,"channels":["hook"]}""", "name")]
    [InlineData("""{"name":"r","labels":{"a":"b"},"channels":["hook"],"offlineAfterSeconds":60}""", "offlineAfterSeconds")]
    public async Task A_bad_alert_rule_is_a_400_problem_naming_the_field(string json, string field)
    {
        await CreateChannelAsync("hook", "webhook", new { url = _receiver.BaseUrl });

        var response = await _server.Api.PostAsync("/api/alert-rules", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.NamesFieldAsync(response, field);
    }

    [Fact]
    public async Task An_agent_offline_rule_needs_no_check_and_defaults_to_every_agent_after_60_seconds()
    {
        await CreateChannelAsync("hook", "webhook", new { url = _receiver.BaseUrl });

        var response = await _server.Api.PostAsJsonAsync("/api/alert-rules", new { name = "agents down", agentOffline = true, channels = new[] { "hook" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var rule = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(rule.GetProperty("agentOffline").GetBoolean());
        Assert.Equal(60, rule.GetProperty("offlineAfterSeconds").GetInt32());
        Assert.Equal(0, rule.GetProperty("agents").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("checkId").ValueKind);

        var named = await _server.Api.PostAsJsonAsync("/api/alert-rules",
            new { name = "edge down", agentOffline = true, agents = new[] { "edge-1" }, offlineAfterSeconds = 10, channels = new[] { "hook" } });
        Assert.Equal(HttpStatusCode.Created, named.StatusCode);
        var body = await named.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("edge-1", body.GetProperty("agents")[0].GetString());
        Assert.Equal(10, body.GetProperty("offlineAfterSeconds").GetInt32());
    }

    [Fact]
    public async Task Channel_names_are_unique_and_secrets_are_not_listed()
    {
        await CreateChannelAsync("hook", "webhook", new { url = _receiver.BaseUrl, secret = "s3cret" });

        var again = await _server.Api.PostAsJsonAsync("/api/channels", new { name = "hook", type = "webhook", settings = new { url = _receiver.BaseUrl } });
        await ProblemAssert.NamesFieldAsync(again, "name");
        var listed = await _server.Api.GetStringAsync("/api/channels");
        Assert.DoesNotContain("s3cret", listed);
    }

    [Theory]
    [InlineData("webhook", "/hook", "\"event\":\"test\"")]
    [InlineData("slack", "/slack", "\"text\":")]
    [InlineData("discord", "/discord", "\"content\":")]
    [InlineData("teams", "/teams", "application/vnd.microsoft.card.adaptive")]
    [InlineData("telegram", "/botTOKEN123/sendMessage", "\"chat_id\":42")]
    [InlineData("ntfy", "/alerts-topic", "test notification")]
    [InlineData("gotify", "/message?token=APPTOKEN", "\"priority\":5")]
    [InlineData("pagerduty", "/v2/enqueue", "\"event_action\":\"trigger\"")]
    public async Task Testing_a_channel_sends_the_providers_request_shape_to_its_url_with_a_content_length(string type, string path, string bodyPart)
    {
        var url = _receiver.BaseUrl;
        object settings = type switch
        {
            "webhook" => new { url = url + "/hook" },
            "slack" or "discord" or "teams" => new { url = $"{url}/{type}" },
            "telegram" => new { botToken = "TOKEN123", chatId = 42, apiBaseUrl = url },
            "ntfy" => new { server = url, topic = "alerts-topic" },
            "gotify" => new { server = url, appToken = "APPTOKEN" },
            _ => new { routingKey = "R0UTING", apiBaseUrl = url },
        };
        var id = await CreateChannelAsync(type, type, settings);

        var response = await _server.Api.PostAsync($"/api/channels/{id}/test", null);

        var delivery = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(delivery.GetProperty("success").GetBoolean(), delivery.ToString());
        Assert.Equal(200, delivery.GetProperty("statusCode").GetInt32());
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(path, request.PathAndQuery);
        Assert.Contains(bodyPart, request.Body);
        Assert.Equal(Encoding.UTF8.GetByteCount(request.Body), request.ContentLength);
        var log = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/deliveries?channelId={id}");
        Assert.Equal("test", log[0].GetProperty("event").GetString());
    }

    [Fact]
    public async Task A_webhook_template_shapes_the_body_with_escaped_values_and_is_signed()
    {
        const string secret = "template-secret";
        var id = await CreateChannelAsync("templated", "webhook", new
        {
            url = _receiver.BaseUrl + "/chat",
            secret,
            template = """{"text":"{{event}}: {{check}} on {{agent}} is {{status}} ({{verdict}})","source":"linkwatch"}""",
        });

        var response = await _server.Api.PostAsync($"/api/channels/{id}/test", null);

        var delivery = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(delivery.GetProperty("success").GetBoolean(), delivery.ToString());
        var request = Assert.Single(_receiver.Requests);
        using var body = JsonDocument.Parse(request.Body);
        Assert.StartsWith("test: ", body.RootElement.GetProperty("text").GetString());
        Assert.Equal("linkwatch", body.RootElement.GetProperty("source").GetString());
        Assert.Equal(2, body.RootElement.EnumerateObject().Count());
        Assert.Equal(WebhookChannel.Signature(secret, Encoding.UTF8.GetBytes(request.Body)), request.Headers[WebhookChannel.SignatureHeader].ToString());
    }

    [Fact]
    public async Task Updating_a_channel_replaces_its_name_and_settings()
    {
        var id = await CreateChannelAsync("hook", "webhook", new { url = _receiver.BaseUrl + "/old" });

        var response = await _server.Api.PutAsJsonAsync($"/api/channels/{id}", new { name = "renamed", type = "webhook", settings = new { url = _receiver.BaseUrl + "/new" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var dto = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, dto.GetProperty("id").GetInt64());
        Assert.Equal("renamed", dto.GetProperty("name").GetString());
        Assert.Equal(_receiver.BaseUrl + "/new", dto.GetProperty("settings").GetProperty("url").GetString());
        var listed = Assert.Single((await _server.Api.GetFromJsonAsync<JsonElement>("/api/channels")).EnumerateArray());
        Assert.Equal("renamed", listed.GetProperty("name").GetString());
        var delivery = await (await _server.Api.PostAsync($"/api/channels/{id}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(delivery.GetProperty("success").GetBoolean(), delivery.ToString());
        Assert.Equal("/new", Assert.Single(_receiver.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Updating_an_unknown_channel_is_a_404_problem()
    {
        var response = await _server.Api.PutAsJsonAsync("/api/channels/999", new { name = "x", type = "webhook", settings = new { url = _receiver.BaseUrl } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_update_with_a_bad_setting_is_a_400_problem_naming_the_field_and_changes_nothing()
    {
        var id = await CreateChannelAsync("hook", "webhook", new { url = _receiver.BaseUrl });
        await CreateChannelAsync("other", "webhook", new { url = _receiver.BaseUrl });

        var badUrl = await _server.Api.PutAsJsonAsync($"/api/channels/{id}", new { name = "hook", type = "webhook", settings = new { url = "ftp://h/" } });
        var takenName = await _server.Api.PutAsJsonAsync($"/api/channels/{id}", new { name = "other", type = "webhook", settings = new { url = _receiver.BaseUrl } });

        await ProblemAssert.NamesFieldAsync(badUrl, "settings.url");
        await ProblemAssert.NamesFieldAsync(takenName, "name");
        var listed = await _server.Api.GetFromJsonAsync<JsonElement>("/api/channels");
        Assert.Equal(_receiver.BaseUrl, listed[0].GetProperty("settings").GetProperty("url").GetString());
    }

    [Fact]
    public async Task An_update_that_omits_a_secret_keeps_it_and_no_response_shows_it()
    {
        const string secret = "kept-s3cret";
        var id = await CreateChannelAsync("hook", "webhook", new { url = _receiver.BaseUrl + "/a", secret });

        var omitted = await _server.Api.PutAsJsonAsync($"/api/channels/{id}", new { name = "hook", type = "webhook", settings = new { url = _receiver.BaseUrl + "/b" } });
        // What a client read from GET and sends back unchanged keeps the secret too.
        var masked = await _server.Api.PutAsJsonAsync($"/api/channels/{id}", new { name = "hook", type = "webhook", settings = new { url = _receiver.BaseUrl + "/c", secret = "***" } });

        Assert.Equal(HttpStatusCode.OK, omitted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, masked.StatusCode);
        var dto = await masked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("***", dto.GetProperty("settings").GetProperty("secret").GetString());
        Assert.DoesNotContain(secret, await omitted.Content.ReadAsStringAsync());
        Assert.DoesNotContain(secret, await _server.Api.GetStringAsync("/api/channels"));
        var delivery = await (await _server.Api.PostAsync($"/api/channels/{id}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(delivery.GetProperty("success").GetBoolean(), delivery.ToString());
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal("/c", request.PathAndQuery);
        Assert.Equal(WebhookChannel.Signature(secret, Encoding.UTF8.GetBytes(request.Body)), request.Headers[WebhookChannel.SignatureHeader].ToString());
    }

    [Fact]
    public void Template_values_are_json_escaped_inside_string_literals()
    {
        var notification = new Notification("opened", 7, "r", 3, "say \"hi\"\n", "a\\b", "ok", "up", DateTimeOffset.UnixEpoch, null);
        var body = WebhookTemplate.Render("""{"t":"{{check}}|{{agent}}|{{at}}"}""", json: true, notification);
        using var parsed = JsonDocument.Parse(body);
        Assert.Equal("say \"hi\"\n|a\\b|1970-01-01T00:00:00.000Z", parsed.RootElement.GetProperty("t").GetString());
        Assert.Equal("x say \"hi\"\n", WebhookTemplate.Render("x {{check}}", json: false, notification));
    }

    private async Task<long> CreateChannelAsync(string name, string type, object settings)
    {
        var response = await _server.Api.PostAsJsonAsync("/api/channels", new { name, type, settings });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}
