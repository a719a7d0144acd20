using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Linkwatch.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Linkwatch.Browser.Tests;

/// <summary>
/// Everything managed from the browser by an admin, on a real server with a real agent: each form refuses what the
/// API refuses, in the same words, at the field, keeping what was typed.
/// </summary>
public sealed class ManagementTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private static readonly TimeSpan ResultTimeout = TimeSpan.FromSeconds(30);

    static ManagementTests() => Assertions.SetDefaultExpectTimeout((float)BrowserSession.Timeout.TotalMilliseconds);

    private MonitoredLab Lab => fixture.Lab;

    [BrowserFact]
    public async Task A_tcp_check_made_in_the_form_shows_its_first_result_on_the_overview_and_is_edited_and_paused()
    {
        await Lab.StartAsync();
        using var target = new TcpTarget();
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;
        await browser.OpenAsync(Lab.Server.BaseUrl);
        var pageId = await page.EvaluateAsync<double>("() => window.__pageId = Math.random()");

        // From the overview to the form, without leaving the page's circuit.
        await page.Locator("#checks-table").GetByRole(AriaRole.Link, new() { Name = "add a check" }).ClickAsync();
        await Expect(page.Locator("[data-page='check-form']")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("form-check.png", forDocs: false);

        // A bad target is refused at the field, in the API's words, and what was typed stays.
        await page.Field("Name").FillAsync("ui tcp");
        await page.Field("Target").FillAsync("not-a-target");
        await page.Field("Interval").FillAsync("1");
        await page.ClickButtonAsync("Create check");
        var apiError = await ApiErrorAsync("/api/checks", new { name = "ui tcp", kind = "tcp", target = "not-a-target", intervalSeconds = 1 }, "target");
        await Expect(page.FieldError("Target")).ToHaveTextAsync(apiError);
        await Expect(page.Field("Target")).ToHaveValueAsync("not-a-target");
        await Expect(page.Field("Name")).ToHaveValueAsync("ui tcp");
        await browser.ScreenshotAsync("form-check-errors.png", forDocs: false);

        // Corrected, it is created and runs at once; its first result reaches the overview live.
        await page.Field("Target").FillAsync(target.Target);
        await page.ClickButtonAsync("Create check");
        await Expect(page.Locator("[data-page='check']")).ToBeVisibleAsync();
        var checkId = long.Parse(await page.Locator("[data-page='check']").GetAttributeAsync("data-check-id") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(checkId > 0);
        await page.NavigateAsync("Overview");
        var row = page.Locator($"tr.check-row[data-check-id='{checkId}'][data-agent='{MonitoredLab.AgentName}']");
        await Expect(row).ToHaveAttributeAsync("data-status", "up", new() { Timeout = (float)ResultTimeout.TotalMilliseconds });
        Assert.Equal(pageId, await page.EvaluateAsync<double>("() => window.__pageId"));

        // Edited: a longer interval, saved through the same validator.
        await row.GetByRole(AriaRole.Link, new() { Name = "ui tcp" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.Field("Target")).ToHaveValueAsync(target.Target);
        await page.Field("Interval").FillAsync("0");
        await page.ClickButtonAsync("Save check");
        var intervalError = await ApiErrorAsync("/api/checks", new { name = "ui tcp", kind = "tcp", target = target.Target, intervalSeconds = 0 }, "intervalSeconds");
        await Expect(page.FieldError("Interval")).ToHaveTextAsync(intervalError);
        await page.Field("Interval").FillAsync("2");
        await page.ClickButtonAsync("Save check");
        await Expect(page.Locator(".definition")).ToContainTextAsync("2 s");
        var stored = await Api.GetObjectAsync(Lab.Api, $"/api/checks/{checkId}");
        Assert.Equal(2, stored["intervalSeconds"]!.GetValue<int>());

        // Paused from its page: stored as disabled, and the overview shows it paused.
        await page.ClickButtonAsync("Pause");
        await Expect(page.Locator("h1")).ToContainTextAsync("paused");
        stored = await Api.GetObjectAsync(Lab.Api, $"/api/checks/{checkId}");
        Assert.False(stored["enabled"]!.GetValue<bool>());
        await page.NavigateAsync("Overview");
        await Expect(page.Locator($"tr.check-row[data-check-id='{checkId}']")).ToHaveAttributeAsync("data-status", "paused");

        // Resumed with the overview's bulk action.
        await page.GetByLabel("Select ui tcp").CheckAsync();
        await page.GetByRole(AriaRole.Toolbar, new() { Name = "Selected checks" }).GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-status", "up", new() { Timeout = (float)ResultTimeout.TotalMilliseconds });
        Assert.True((await Api.GetObjectAsync(Lab.Api, $"/api/checks/{checkId}"))["enabled"]!.GetValue<bool>());
        await browser.ScreenshotAsync("overview-bulk.png", forDocs: false);
        browser.AssertNoProblems();
    }

    /// <summary>What the API says about <paramref name="field"/> for the same body: the words the form must show.</summary>
    private async Task<string> ApiErrorAsync(string path, object body, string field)
    {
        using var response = await Lab.Api.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return string.Join(" ", problem["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
