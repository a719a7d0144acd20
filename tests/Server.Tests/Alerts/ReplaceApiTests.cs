using Linkwatch.Server.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Linkwatch.Server.Tests.Alerts;

/// <summary>PUT on alert rules, silences and maintenance windows: the POST body, validated the same way.</summary>
public sealed class ReplaceApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        var channel = await _server.Api.PostAsJsonAsync("/api/channels", new { name = "hook", type = "webhook", settings = new { url = "http://127.0.0.1:9/" } });
        Assert.Equal(HttpStatusCode.Created, channel.StatusCode);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_alert_rule_is_replaced_with_the_post_body_and_defaults_for_what_it_leaves_out()
    {
        var id = await CreateAsync("/api/alert-rules", new { name = "web", labels = new { tier = "web" }, channels = new[] { "hook" }, quorum = 2 });

        var replaced = await _server.Api.PutAsJsonAsync($"/api/alert-rules/{id}",
            new { name = "web, strict", labels = new { tier = "web" }, channels = new[] { "hook" }, openAfterFailures = 1 });

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var read = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/alert-rules/{id}");
        Assert.Equal("web, strict", read.GetProperty("name").GetString());
        Assert.Equal(1, read.GetProperty("openAfterFailures").GetInt32());
        Assert.Equal(1, read.GetProperty("quorum").GetInt32());
        Assert.Equal(id, (await replaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_silence_is_replaced_and_read_back()
    {
        var id = await CreateAsync("/api/silences", new { agent = "edge-1", minutes = 30 });
        var until = DateTimeOffset.UtcNow.AddHours(2);

        var replaced = await _server.Api.PutAsJsonAsync($"/api/silences/{id}", new { agent = "edge-2", until, reason = "moving racks" });

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var read = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/silences/{id}");
        Assert.Equal("edge-2", read.GetProperty("agent").GetString());
        Assert.Equal("moving racks", read.GetProperty("reason").GetString());
        Assert.True(read.GetProperty("active").GetBoolean());
        Assert.Equal(until.ToUnixTimeMilliseconds(), read.GetProperty("until").GetDateTimeOffset().ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_maintenance_window_is_replaced_from_one_off_to_recurring()
    {
        var now = DateTimeOffset.UtcNow;
        var id = await CreateAsync("/api/maintenance-windows", new { name = "once", start = now.AddHours(1), end = now.AddHours(2) });

        var replaced = await _server.Api.PutAsJsonAsync($"/api/maintenance-windows/{id}",
            new { name = "weekly", cron = "0 0 2 ? * SUN", durationMinutes = 60, timezone = "Europe/Berlin" });

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var read = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/maintenance-windows/{id}");
        Assert.Equal("weekly", read.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("start").ValueKind);
        Assert.Equal(60, read.GetProperty("durationMinutes").GetInt32());
        Assert.Equal("Europe/Berlin", read.GetProperty("timezone").GetString());
    }

    [Theory]
    [InlineData("/api/alert-rules", """{"name":"r","labels":{"a":"b"},"channels":["hook"]}""")]
    [InlineData("/api/silences", """{"agent":"edge-1","minutes":5}""")]
    [InlineData("/api/maintenance-windows", """{"name":"w","cron":"0 0 2 ? * SUN","durationMinutes":60}""")]
    public async Task Replacing_an_unknown_id_is_a_404_problem(string path, string json)
    {
        var response = await _server.Api.PutAsync($"{path}/999", Json(json));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/alert-rules", """{"name":"r","labels":{"a":"b"},"channels":["hook"],"quorum":0}""", "quorum")]
    [InlineData("/api/alert-rules", """{"name":"r","labels":{"a":"b"},"channels":["nope"]}""", "channels")]
    [InlineData("/api/silences", """{"agent":"edge-1","until":"2020-01-01T00:00:00Z"}""", "until")]
    [InlineData("/api/silences", """{"agent":"bad name!","minutes":5}""", "agent")]
    [InlineData("/api/maintenance-windows", """{"name":"w","start":"2030-01-01T02:00:00Z","end":"2030-01-01T01:00:00Z"}""", "end")]
    [InlineData("/api/maintenance-windows", """{"cron":"0 0 2 ? * SUN","durationMinutes":60}""", "name")]
    public async Task A_bad_replacement_is_a_400_problem_naming_the_field_and_changes_nothing(string path, string json, string field)
    {
        var id = await CreateValidAsync(path);

        await ProblemAssert.NamesFieldAsync(await _server.Api.PutAsync($"{path}/{id}", Json(json)), field);

        Assert.Equal(HttpStatusCode.OK, (await _server.Api.GetAsync($"{path}/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"w","durationMinutes":60,""", "body")]
    [InlineData("""{"name":"w","cron":"0 0 2 ? * SUN","durationMinutes":"sixty"}""", "durationMinutes")]
    [InlineData("""null""", "body")]
    public async Task Malformed_json_in_a_put_is_a_400_problem_naming_the_field(string json, string field)
    {
        var id = await CreateValidAsync("/api/maintenance-windows");

        await ProblemAssert.NamesFieldAsync(await _server.Api.PutAsync($"/api/maintenance-windows/{id}", Json(json)), field);
    }

    private async Task<long> CreateValidAsync(string path) => path switch
    {
        "/api/alert-rules" => await CreateAsync(path, new { name = "r", labels = new { a = "b" }, channels = new[] { "hook" } }),
        "/api/silences" => await CreateAsync(path, new { agent = "edge-1", minutes = 5 }),
        _ => await CreateAsync(path, new { name = "w", cron = "0 0 2 ? * SUN", durationMinutes = 60 }),
    };

    private async Task<long> CreateAsync(string path, object body)
    {
        var response = await _server.Api.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
