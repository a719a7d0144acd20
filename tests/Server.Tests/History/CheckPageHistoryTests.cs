using System.Net;
using Linkwatch.Server.Tests.Support;
using Linkwatch.Shared;
using Microsoft.AspNetCore.SignalR.Client;

namespace Linkwatch.Server.Tests.History;

public sealed class CheckPageHistoryTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_check_page_shows_uptime_tiles_a_heartbeat_and_the_agents_network_event_on_the_timeline()
    {
        var credential = await _server.EnrollAsync("timeline-agent");
        var checkId = await _server.CreateCheckAsync(new { name = "t", kind = "tcp", target = "t.lan:80", intervalSeconds = 60 });
        await using var agent = await _server.ConnectAgentAsync(credential);
        var now = DateTimeOffset.UtcNow;
        var results = Enumerable.Range(0, 10).Select(i => TestData.Result(checkId, now.AddMinutes(-10 + i), i < 2 ? Statuses.Down : Statuses.Up, i < 2 ? Verdicts.Timeout : Verdicts.Ok,
            new AttemptResult { Family = "ipv4", Status = i < 2 ? "down" : "up", Verdict = i < 2 ? "timeout" : "ok", Phases = new() { ["total"] = 5 } })).ToList();
        await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), results).OrTimeout();
        var at = now.AddMinutes(-5);
        await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitEvents), new[]
        {
            new NetworkEvent { Id = Guid.CreateVersion7(at), At = at, Kind = NetworkEventKinds.AddressRemoved, Interface = "eth0", Detail = "2001:db8::5/64" },
        }).OrTimeout();

        using var browser = await _server.SignInAsync();
        var response = await browser.GetAsync($"/checks/{checkId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("data-window=\"24h\" data-total=\"10\"", html, StringComparison.Ordinal);
        Assert.Contains("80 %", html, StringComparison.Ordinal);
        Assert.Equal(10, CountOf(html, "class=\"beat beat-"));
        Assert.Equal(2, CountOf(html, "class=\"beat beat-down\""));
        Assert.Contains("data-range=\"24h\" data-step=\"1m\"", html, StringComparison.Ordinal);
        Assert.Contains("data-kind=\"network\"", html, StringComparison.Ordinal);
        Assert.Contains("timeline-agent: address_removed eth0 2001:db8::5/64", html, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
