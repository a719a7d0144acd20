using System.Net.Http.Headers;
using System.Net.Http.Json;
using Linkwatch.Browser.Tests.Infrastructure;
using Linkwatch.Shared;
using Linkwatch.Shared.Protocol;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Linkwatch.Browser.Tests;

/// <summary>
/// The check page puts an agent's network events on the same time axis as the check's results: the IPv6 story, where
/// an address vanished while the check failed, is only visible that way. The agent here is a hub client speaking the
/// agent protocol with its own credential, so the test decides what it reports and when.
/// </summary>
public sealed class CheckTimelineTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private const string AgentName = "lab-timeline-agent";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    static CheckTimelineTests() => Assertions.SetDefaultExpectTimeout((float)BrowserSession.Timeout.TotalMilliseconds);

    private MonitoredLab Lab => fixture.Lab;

    [BrowserFact]
    public async Task A_network_event_reported_by_the_agent_appears_live_on_the_check_pages_timeline()
    {
        await Lab.StartAsync();
        var credential = await EnrollAsync(Lab.Server.BaseUrl, AgentName);
        var checkId = await Lab.Api.CreateCheckAsync(new { name = "timeline target", kind = "tcp", target = "db.lan:5432", intervalSeconds = 60, agents = new[] { AgentName } });
        await using var agent = await ConnectAsync(Lab.Server.BaseUrl, credential);
        var now = DateTimeOffset.UtcNow;
        var results = Enumerable.Range(0, 6).Select(i => Result(checkId, now.AddMinutes(-6 + i), i >= 4)).ToList();
        await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), results).WaitAsync(CallTimeout);

        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;
        await browser.OpenAsync(Lab.Server.BaseUrl, $"/checks/{checkId}");
        await Expect(page.Locator("[data-heartbeat] .beat")).ToHaveCountAsync(6);
        var network = page.Locator("[data-timeline] li[data-kind='network']");
        await Expect(network).ToHaveCountAsync(0);
        var pageId = await page.EvaluateAsync<double>("() => window.__pageId = Math.random()");
        var drawn = await page.Locator("#history-chart").GetAttributeAsync("data-drawn");

        // The address goes away between the last good run and the first failing one.
        var at = now.AddMinutes(-2).AddSeconds(-20);
        await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitEvents), new[]
        {
            new NetworkEvent { Id = Guid.CreateVersion7(at), At = at, Kind = NetworkEventKinds.AddressRemoved, Interface = "eth0", Detail = "2001:db8::5/64" },
        }).WaitAsync(CallTimeout);

        await Expect(network).ToHaveCountAsync(1);
        await Expect(network).ToContainTextAsync($"{AgentName}: {NetworkEventKinds.AddressRemoved} eth0 2001:db8::5/64");
        var markedAt = DateTimeOffset.Parse(await network.GetAttributeAsync("data-at") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(at.ToUnixTimeMilliseconds(), markedAt.ToUnixTimeMilliseconds());
        // On the range's time axis (24 h wide): two minutes ago is at its right end.
        var left = await network.EvaluateAsync<double>("m => parseFloat(m.style.left)");
        Assert.InRange(left, 99, 100);
        // The chart is drawn again with the mark on it.
        await page.WaitForFunctionAsync($"() => document.getElementById('history-chart').dataset.drawn !== '{drawn}'",
            null, new() { Timeout = (float)BrowserSession.Timeout.TotalMilliseconds });
        Assert.Equal(pageId, await page.EvaluateAsync<double>("() => window.__pageId"));

        await browser.ScreenshotAsync("check-timeline.png", forDocs: false);
        browser.AssertNoProblems();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static AgentResult Result(long checkId, DateTimeOffset startedAt, bool failing) => new()
    {
        Id = Guid.CreateVersion7(startedAt),
        CheckId = checkId,
        StartedAt = startedAt,
        Outcome = new CheckOutcome
        {
            Kind = CheckKinds.Tcp,
            Target = "db.lan:5432",
            Status = failing ? Statuses.Down : Statuses.Up,
            Verdict = failing ? Verdicts.Unreachable : Verdicts.Ok,
            Attempts =
            [
                new AttemptResult
                {
                    Family = Families.Ipv6, Address = "2001:db8::10", Status = failing ? Statuses.Down : Statuses.Up,
                    Verdict = failing ? Verdicts.Unreachable : Verdicts.Ok, Phases = failing ? [] : new() { ["connect"] = 3.5, ["total"] = 3.6 },
                },
            ],
        },
    };

    private static async Task<string> EnrollAsync(Uri server, string name)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = CallTimeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, HubPaths.Enroll)
        {
            Content = JsonContent.Create(new EnrollRequest { Name = name, Version = "test" }, LinkwatchJsonContext.Default.EnrollRequest),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerProcess.EnrollmentToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var enrolled = await response.Content.ReadFromJsonAsync(LinkwatchJsonContext.Default.EnrollResponse);
        return enrolled!.Credential;
    }

    private static async Task<HubConnection> ConnectAsync(Uri server, string credential)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, HubPaths.Agent), o =>
            {
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Authorization"] = "Bearer " + credential;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, LinkwatchJsonContext.Default))
            .Build();
        connection.KeepAliveInterval = HubTimeouts.KeepAliveInterval;
        connection.ServerTimeout = HubTimeouts.PeerTimeout;
        connection.On<AssignmentSet>(nameof(IAgentClient.AssignmentsChanged), _ => { });
        using var cts = new CancellationTokenSource(CallTimeout);
        await connection.StartAsync(cts.Token);
        await connection.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), new AgentHello { Version = "test", HostName = AgentName }, cts.Token);
        return connection;
    }
}
