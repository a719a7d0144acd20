using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Server.Tests.Support;
using Linkwatch.Shared;
using Microsoft.AspNetCore.SignalR.Client;

namespace Linkwatch.Server.Tests.StatusPages;

public sealed class BadgeTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Badges_answer_anonymously_only_for_checks_on_a_public_page_or_with_badges_on_and_are_404_otherwise()
    {
        var credential = await _server.EnrollAsync("badge-agent");
        var onPage = await _server.CreateCheckAsync(new { name = "on page", kind = "tcp", target = "a.lan:80", intervalSeconds = 60 });
        var withBadges = await _server.CreateCheckAsync(new { name = "badges", kind = "tcp", target = "b.lan:80", intervalSeconds = 60, badges = true });
        var hidden = await _server.CreateCheckAsync(new { name = "hidden", kind = "tcp", target = "c.lan:80", intervalSeconds = 60 });
        var onPrivatePage = await _server.CreateCheckAsync(new { name = "private", kind = "tcp", target = "d.lan:80", intervalSeconds = 60 });
        await _server.Api.PostAsJsonAsync("/api/status-pages", new { slug = "pub", title = "Pub", groups = new[] { new { name = "g", checks = new[] { onPage } } } });
        await _server.Api.PostAsJsonAsync("/api/status-pages", new { slug = "priv", title = "Priv", @public = false, groups = new[] { new { name = "g", checks = new[] { onPrivatePage } } } });
        await using var agent = await _server.ConnectAgentAsync(credential);
        var now = DateTimeOffset.UtcNow;
        await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), new[]
        {
            TestData.Result(onPage, now.AddMinutes(-1), Statuses.Up, Verdicts.Ok, new AttemptResult { Family = "ipv4", Status = "up", Verdict = "ok", Phases = new() { ["total"] = 12.5 } }),
            TestData.Result(withBadges, now.AddMinutes(-1), Statuses.Down, Verdicts.Timeout, new AttemptResult { Family = "ipv4", Status = "down", Verdict = "timeout" }),
        }).OrTimeout();

        using var anonymous = _server.NewClient(null);
        var status = await anonymous.GetAsync($"/badge/{onPage}/status.svg");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("image/svg+xml", status.Content.Headers.ContentType?.MediaType);
        Assert.Contains("status: up", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("uptime 30d: 100%", await anonymous.GetStringAsync($"/badge/{onPage}/uptime.svg?window=30d"), StringComparison.Ordinal);
        Assert.Contains("latency: 12.5 ms", await anonymous.GetStringAsync($"/badge/{onPage}/latency.svg"), StringComparison.Ordinal);
        Assert.Contains("status: down", await anonymous.GetStringAsync($"/badge/{withBadges}/status.svg"), StringComparison.Ordinal);
        Assert.Contains("uptime 24h: 0%", await anonymous.GetStringAsync($"/badge/{withBadges}/uptime.svg"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync($"/badge/{onPage}/uptime.svg?window=2h")).StatusCode);

        foreach (var id in new[] { hidden, onPrivatePage, hidden + 1000 })
            foreach (var badge in new[] { "status.svg", "uptime.svg", "latency.svg" })
                Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/badge/{id}/{badge}")).StatusCode);

        // The field is in the check's body and DTO; a PUT that leaves it out keeps it.
        var dto = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/checks/{withBadges}");
        Assert.True(dto.GetProperty("badges").GetBoolean());
        var put = await _server.Api.PutAsJsonAsync($"/api/checks/{withBadges}", new { name = "badges", kind = "tcp", target = "b.lan:80", intervalSeconds = 30 });
        Assert.True((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("badges").GetBoolean());
        await _server.Api.PutAsJsonAsync($"/api/checks/{withBadges}", new { name = "badges", kind = "tcp", target = "b.lan:80", intervalSeconds = 30, badges = false });
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/badge/{withBadges}/status.svg")).StatusCode);
    }
}
