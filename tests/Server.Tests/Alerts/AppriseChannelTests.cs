using Linkwatch.Server.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Server.Alerts;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Notifications.Channels.Apprise;
using Linkwatch.Server.Platform.Store;

namespace Linkwatch.Server.Tests.Alerts;

/// <summary>The apprise channel running Debian's real <c>apprise</c> against a local receiver (its json:// target).</summary>
public sealed class AppriseChannelTests : IAsyncLifetime
{
    private HttpRecorder _receiver = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists("/usr/bin/apprise"), "apt-get install -y apprise");
        _receiver = await HttpRecorder.StartAsync();
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task An_opened_alert_reaches_the_receiver_through_apprise_as_a_failure_with_title_and_body()
    {
        var channel = new AppriseChannel(Microsoft.Extensions.Options.Options.Create(new AlertsOptions()));
        var notification = new Notification(NotificationEvents.Opened, 9, "web down", 3, "web-frontend", "edge-1", "timeout", "down",
            DateTimeOffset.UtcNow, null);
        using var settings = JsonDocument.Parse(JsonSerializer.Serialize(new { urls = new[] { JsonUrl("/apprise-hook") } }));
        Assert.Empty(channel.Validate(settings.RootElement));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var result = await channel.SendAsync(notification, settings.RootElement, timeout.Token);

        Assert.True(result.Success, result.Error);
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/apprise-hook", request.PathAndQuery);
        var body = JsonSerializer.Deserialize<JsonElement>(request.Body);
        Assert.Equal("ALERT web-frontend: timeout", body.GetProperty("title").GetString());
        Assert.Contains("Check web-frontend from agent edge-1 is down (timeout)", body.GetProperty("message").GetString());
        Assert.Equal("failure", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_api_test_action_runs_apprise_and_a_dead_target_is_a_failed_delivery_with_aprises_words()
    {
        await using var server = await TestServer.StartAsync();
        var good = await CreateAsync(server, "apprise-ok", JsonUrl("/ok"));
        var dead = await CreateAsync(server, "apprise-dead", "json://127.0.0.1:1/nothing-listens");

        var ok = await (await server.Api.PostAsync($"/api/channels/{good}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        var failed = await (await server.Api.PostAsync($"/api/channels/{dead}/test", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(ok.GetProperty("success").GetBoolean(), ok.ToString());
        Assert.Equal("/ok", Assert.Single(_receiver.Requests).PathAndQuery);
        Assert.False(failed.GetProperty("success").GetBoolean());
        Assert.StartsWith("apprise exited with 1", failed.GetProperty("error").GetString());
        var listed = await server.Api.GetStringAsync("/api/channels");
        Assert.DoesNotContain("nothing-listens", listed);
    }

    [Fact]
    public async Task Urls_must_be_a_list_of_apprise_urls()
    {
        await using var server = await TestServer.StartAsync();

        var missing = await server.Api.PostAsJsonAsync("/api/channels", new { name = "a", type = "apprise", settings = new { } });
        var bad = await server.Api.PostAsJsonAsync("/api/channels", new { name = "a", type = "apprise", settings = new { urls = new[] { "not a url" } } });

        await ProblemAssert.NamesFieldAsync(missing, "settings.urls");
        await ProblemAssert.NamesFieldAsync(bad, "settings.urls");
    }

    private string JsonUrl(string path) => "json://" + new Uri(_receiver.BaseUrl).Authority + path;

    private static async Task<long> CreateAsync(TestServer server, string name, string url)
    {
        var response = await server.Api.PostAsJsonAsync("/api/channels", new { name, type = "apprise", settings = new { urls = new[] { url } } });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}
