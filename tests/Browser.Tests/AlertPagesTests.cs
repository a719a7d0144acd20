using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Linkwatch.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Linkwatch.Browser.Tests;

/// <summary>The alert pages on a real alert: a rule on the lab's closed-port check, which fails at once.</summary>
public sealed class AlertPagesTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    static AlertPagesTests() => Assertions.SetDefaultExpectTimeout((float)BrowserSession.Timeout.TotalMilliseconds);

    private MonitoredLab Lab => fixture.Lab;

    [BrowserFact]
    public async Task An_alert_shows_open_with_its_failing_results_and_follows_ack_and_silence_live()
    {
        await Lab.StartAsync();
        using var receiver = new HttpListener();
        var port = FreePort();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/");
        receiver.Start();
        _ = AnswerAsync(receiver);
        await PostAsync("/api/channels", new { name = "browser-hook", type = "webhook", settings = new { url = $"http://127.0.0.1:{port}/hook" } });
        await PostAsync("/api/alert-rules", new { name = "closed port down", checkId = Lab.ClosedCheckId, openAfterFailures = 2, channels = new[] { "browser-hook" } });
        var alerts = await Api.EventuallyAsync(() => Api.GetArrayAsync(Lab.Api, "/api/alerts?state=open"),
            a => a.Any(x => x!["checkId"]!.GetValue<long>() == Lab.ClosedCheckId), TimeSpan.FromSeconds(60), "an open alert on the closed port");
        var alertId = alerts.First(x => x!["checkId"]!.GetValue<long>() == Lab.ClosedCheckId)!["id"]!.GetValue<long>();
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;

        // The list shows it open, linking to its page.
        await browser.OpenAsync(Lab.Server.BaseUrl, "/alerts");
        var row = page.Locator($"#alert-{alertId}");
        await Expect(row).ToHaveAttributeAsync("data-state", "open");
        await Expect(row).ToContainTextAsync("closed port down");
        await Expect(row).ToContainTextAsync("connect_refused");

        // Its page shows the failing results that opened it.
        await row.Locator($"a[href='/alerts/{alertId}']").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("closed port");
        await Expect(page.Locator("#live-indicator")).ToHaveAttributeAsync("data-state", "live");
        var failing = page.Locator("#alert-live .results tbody tr[data-status='down']");
        await Expect(failing.First).ToContainTextAsync("connect_refused");
        Assert.True(await failing.CountAsync() >= 2, "the timeline shows at least the two failures that opened the alert");
        await Expect(page.Locator("#alert-live .alert-state[data-state='open']")).ToBeVisibleAsync();
        var pageId = await page.EvaluateAsync<double>("() => window.__pageId = Math.random()");

        // Acknowledged from its page by an admin: the server records it and the page follows without a reload.
        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(page.Locator("#alert-live .alert-state[data-state='acknowledged']")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(0);
        var stored = await Api.EventuallyAsync(() => Api.GetObjectAsync(Lab.Api, $"/api/alerts/{alertId}"),
            a => a["state"]!.GetValue<string>() == "acknowledged", TimeSpan.FromSeconds(15), "the acknowledgement stored");
        Assert.NotNull(stored["acknowledgedAt"]);

        // Silenced through the API: the page shows the silence, still without a reload.
        await PostAsync("/api/silences", new { checkId = Lab.ClosedCheckId, agent = MonitoredLab.AgentName, minutes = 60, reason = "port retired" });
        var silence = page.Locator("#alert-live .silence");
        await Expect(silence).ToContainTextAsync("silenced");
        await Expect(silence).ToContainTextAsync("port retired");
        Assert.Equal(pageId, await page.EvaluateAsync<double>("() => window.__pageId"));

        await browser.ScreenshotAsync("alerts.png");

        // On a phone the page still fits: the timeline scrolls inside its own box.
        await page.SetViewportSizeAsync(390, 844);
        await browser.OpenAsync(Lab.Server.BaseUrl, $"/alerts/{alertId}");
        await Expect(page.Locator("#alert-live")).ToBeVisibleAsync();
        Assert.False(await browser.HasHorizontalScrollAsync(), "the alert page scrolls sideways at 390 px");
        await browser.ScreenshotAsync("alert-390.png", forDocs: false);
        browser.AssertNoProblems();
    }

    private async Task PostAsync(string path, object body)
    {
        using var response = await Lab.Api.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A webhook receiver that answers 200, so the delivery log stays clean.</summary>
    private static async Task AnswerAsync(HttpListener listener)
    {
        try
        {
            while (listener.IsListening)
            {
                var context = await listener.GetContextAsync();
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
