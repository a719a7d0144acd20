using System.Collections.Concurrent;
using Linkwatch.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Linkwatch.Browser.Tests;

/// <summary>The dashboard as a newcomer first sees it: real server, real agent, real browser.</summary>
public sealed class DashboardTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private static readonly TimeSpan FollowTimeout = TimeSpan.FromSeconds(15);

    static DashboardTests() => Assertions.SetDefaultExpectTimeout((float)BrowserSession.Timeout.TotalMilliseconds);

    private MonitoredLab Lab => fixture.Lab;

    [BrowserFact]
    public async Task Overview_shows_the_online_agent_and_follows_the_newest_result_live_over_its_circuit()
    {
        await Lab.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;
        var circuits = new ConcurrentQueue<string>();
        page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/_blazor", StringComparison.Ordinal))
                circuits.Enqueue(socket.Url);
        };

        await browser.OpenAsync(Lab.Server.BaseUrl);

        // (a) the agent is online and the check has its row.
        var agent = page.Locator($"#agents-panel tr[data-agent='{MonitoredLab.AgentName}']");
        await Expect(agent).ToHaveAttributeAsync("data-online", "true", new() { Timeout = 30_000 });
        await Expect(agent.Locator(".agent-chip")).ToHaveTextAsync("online");
        await Expect(page.Locator($"#agents-panel tr[data-agent='{MonitoredLab.IdleAgentName}'] .agent-chip")).ToHaveTextAsync("offline");
        var row = page.Locator($"tr.check-row[data-check-id='{Lab.CheckId}'][data-agent='{MonitoredLab.AgentName}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator($"a[href='/checks/{Lab.CheckId}']")).ToHaveTextAsync("lab target");
        await Expect(page.Locator($"tr.check-row[data-check-id='{Lab.CheckId}'][data-agent='{MonitoredLab.IdleAgentName}'] .status-chip")).ToHaveTextAsync("waiting");

        var pageId = await page.EvaluateAsync<double>("() => window.__pageId = Math.random()");
        var startedAt = row.Locator("[data-started-at]");

        // (b) the row shows the newest result's start time, as the API reports it...
        var matched = await EventuallyEqualAsync(startedAt);
        await Expect(startedAt).ToHaveTextAsync(DateTimeOffset.Parse(matched, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));

        // ...and follows it as results arrive, without a reload.
        var seen = new List<string> { matched };
        var deadline = DateTime.UtcNow + FollowTimeout;
        while (seen.Count < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the row did not follow new results; seen {string.Join(", ", seen)}\n{Lab.Diagnostics}");
            var now = await startedAt.GetAttributeAsync("data-started-at", new() { Timeout = 5_000 });
            if (now is not null && now != seen[^1])
            {
                Assert.True(string.CompareOrdinal(now, seen[^1]) > 0, $"start time went backwards: {seen[^1]} -> {now}");
                seen.Add(now);
            }
            await Task.Delay(100);
        }
        await EventuallyEqualAsync(startedAt);
        Assert.Equal(pageId, await page.EvaluateAsync<double>("() => window.__pageId"));

        // (c) over the page's one circuit, pushed by the server.
        Assert.Single(circuits);

        // (d) the search box narrows the table by check name, target or agent, and keeps doing so live.
        await page.GetByLabel("Search").FillAsync("closed");
        await Expect(page.Locator($"tr.check-row[data-check-id='{Lab.ClosedCheckId}']")).ToHaveCountAsync(1);
        await Expect(page.Locator($"tr.check-row[data-check-id='{Lab.CheckId}']")).ToHaveCountAsync(0);
        await page.GetByLabel("Search").FillAsync(MonitoredLab.IdleAgentName);
        await Expect(page.Locator($"tr.check-row[data-check-id='{Lab.CheckId}']")).ToHaveCountAsync(1);
        await page.GetByLabel("Search").FillAsync("");
        await Expect(page.Locator($"tr.check-row[data-check-id='{Lab.CheckId}']")).ToHaveCountAsync(2);

        await browser.ScreenshotAsync("overview.png");
        // (e) nothing a person would see in the console.
        browser.AssertNoProblems();
    }

    [BrowserFact]
    public async Task Check_page_draws_the_latency_chart_from_stored_results_and_extends_it_live()
    {
        await Lab.StartAsync();
        // The page should open on some history, as a check that has been running a while does.
        await Api.EventuallyAsync(
            () => Api.GetArrayAsync(Lab.Api, $"/api/results?checkId={Lab.CheckId}&agent={MonitoredLab.AgentName}&limit=5"),
            results => results.Count >= 5, TimeSpan.FromSeconds(45), "five stored results");
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;

        await browser.OpenAsync(Lab.Server.BaseUrl, $"/checks/{Lab.CheckId}");
        await Expect(page.Locator("h1")).ToContainTextAsync("lab target");

        // (e) a uPlot canvas with the stored results in it.
        var chart = page.Locator("#latency-chart");
        await Expect(chart.Locator(".uplot canvas")).ToBeVisibleAsync();
        var canvasWidth = await chart.Locator("canvas").EvaluateAsync<double>("c => c.width");
        Assert.True(canvasWidth > 300, $"canvas width {canvasWidth}");
        var before = int.Parse(await chart.GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(before >= 5, $"chart starts with {before} points");
        await Expect(chart.Locator(".u-legend")).ToContainTextAsync(MonitoredLab.AgentName);

        // New results extend it, and the table's newest row follows, without a reload.
        var pageId = await page.EvaluateAsync<double>("() => window.__pageId = Math.random()");
        await page.WaitForFunctionAsync($"() => Number(document.getElementById('latency-chart').dataset.points) > {before}",
            null, new() { Timeout = (float)FollowTimeout.TotalMilliseconds });
        await EventuallyEqualAsync(page.Locator("#check-live tbody tr").First.Locator("[data-started-at]"));
        Assert.Equal(pageId, await page.EvaluateAsync<double>("() => window.__pageId"));
        await Expect(page.Locator("#check-live tbody tr").First).ToContainTextAsync(MonitoredLab.AgentName);

        await browser.ScreenshotAsync("check.png");
        browser.AssertNoProblems();
    }

    /// <summary>The check page's range picker: 24 h opens at minute buckets, 30 d switches to hour buckets and redraws the chart in place.</summary>
    [BrowserFact]
    public async Task Check_page_range_picker_switches_from_24_hours_to_30_days_and_the_chart_redraws()
    {
        await Lab.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;
        await browser.OpenAsync(Lab.Server.BaseUrl, $"/checks/{Lab.CheckId}");

        var history = page.Locator("[data-history]");
        await Expect(history).ToHaveAttributeAsync("data-range", "24h");
        await Expect(history).ToHaveAttributeAsync("data-step", "1m");
        await Expect(page.Locator("#history-chart .uplot canvas")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-uptime-tiles] [data-window]")).ToHaveCountAsync(4);
        await Expect(page.Locator("[data-heartbeat] .beat").First).ToBeVisibleAsync();
        var drawn = await page.Locator("#history-chart").GetAttributeAsync("data-drawn");
        var pageId = await page.EvaluateAsync<double>("() => window.__pageId = Math.random()");

        await page.Locator("button[data-range='30d']").ClickAsync();

        await Expect(history).ToHaveAttributeAsync("data-range", "30d");
        await Expect(history).ToHaveAttributeAsync("data-step", "1h");
        await Expect(page.Locator("button[data-range='30d']")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.WaitForFunctionAsync($"() => document.getElementById('history-chart').dataset.drawn !== '{drawn}'",
            null, new() { Timeout = (float)FollowTimeout.TotalMilliseconds });
        await Expect(page.Locator("#history-chart .u-legend")).ToContainTextAsync(MonitoredLab.AgentName);
        Assert.Equal(pageId, await page.EvaluateAsync<double>("() => window.__pageId"));
        await browser.ScreenshotAsync("check-history.png", forDocs: false);
        browser.AssertNoProblems();
    }

    /// <summary>Every page fits a phone's width (tables scroll inside their own box), in both themes.</summary>
    [BrowserTheory]
    [InlineData(390, "light")]
    [InlineData(390, "dark")]
    [InlineData(1400, "light")]
    [InlineData(1400, "dark")]
    [InlineData(1400, "system")]
    public async Task Every_page_fits_the_screen_without_horizontal_scrolling(int width, string theme)
    {
        await Lab.StartAsync();
        // "system" follows the browser's dark preference; the others are the remembered choice.
        await using var browser = await BrowserSession.StartAsync(width, theme == "system" ? ColorScheme.Dark : ColorScheme.Light);
        if (theme != "system")
            await browser.RememberThemeAsync(theme);
        var pages = new (string Name, string Path)[]
        {
            ("overview", "/"), ("check", $"/checks/{Lab.CheckId}"), ("agent", $"/agents/{MonitoredLab.AgentName}"),
            ("mesh", "/mesh"), ("alerts", "/alerts"), ("add-agent", "/add-agent"),
            ("settings-checks", "/settings/checks"), ("check-form", "/checks/new"), ("check-edit", $"/checks/{Lab.CheckId}/edit"),
            ("settings-rules", "/settings/alert-rules"), ("rule-form", "/settings/alert-rules/new"),
            ("settings-channels", "/settings/channels"), ("channel-form", "/settings/channels/new"),
            ("settings-silences", "/settings/silences"), ("settings-windows", "/settings/maintenance-windows"),
            ("window-form", "/settings/maintenance-windows/new"), ("settings-agents", "/settings/agents"),
            ("settings-users", "/settings/users"), ("settings-api-keys", "/settings/api-keys"), ("settings-audit", "/settings/audit"),
            ("settings-status-pages", "/settings/status-pages"), ("status-page-form", "/settings/status-pages/new"),
            ("settings-config", "/settings/config"),
        };
        foreach (var (name, path) in pages)
        {
            await browser.OpenAsync(Lab.Server.BaseUrl, path);
            var dark = theme != "light";
            // The theme's own backgrounds (LinkwatchTheme): the choice, or the system's preference, is applied.
            await Expect(browser.Page.Locator("body")).ToHaveCSSAsync("background-color", dark ? "rgb(15, 23, 32)" : "rgb(245, 247, 250)");
            if (name == "check")
                await Expect(browser.Page.Locator("#latency-chart .uplot canvas")).ToBeVisibleAsync();
            // The screenshot first: when the page does not fit, it shows what sticks out.
            await browser.ScreenshotAsync($"{name}-{width}-{theme}.png", forDocs: false);
            Assert.False(await browser.HasHorizontalScrollAsync(), $"{path} scrolls sideways at {width} px ({theme})");
        }
        browser.AssertNoProblems();
    }

    /// <summary>
    /// Waits until the element shows the start time of the newest stored result of the lab check.
    /// The two are read one after the other while results keep arriving, so a momentary mismatch is a
    /// race, not a failure; only a mismatch that lasts is.
    /// </summary>
    private async Task<string> EventuallyEqualAsync(ILocator startedAt)
    {
        var deadline = DateTime.UtcNow + FollowTimeout;
        string? shown = null, newest = null;
        while (DateTime.UtcNow < deadline)
        {
            var latest = await Api.GetArrayAsync(Lab.Api, $"/api/results?checkId={Lab.CheckId}&agent={MonitoredLab.AgentName}&limit=1");
            newest = latest.Count == 1 ? latest[0]!["startedAt"]!.GetValue<string>() : null;
            shown = await startedAt.GetAttributeAsync("data-started-at", new() { Timeout = 5_000 });
            if (newest is not null && shown == newest)
                return shown;
            await Task.Delay(150);
        }
        throw new TimeoutException($"page shows {shown ?? "nothing"}, the API's newest is {newest ?? "nothing"} after {FollowTimeout}\n{Lab.Diagnostics}");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
