using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Linkwatch.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Linkwatch.Browser.Tests;

/// <summary>
/// Settings > Config as code on a real server: a file's problems are shown at the field by path and change nothing,
/// its changes are previewed before anything is applied, and an imported Gatus config is previewed with what was
/// not translated.
/// </summary>
public sealed partial class ConfigPageTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    static ConfigPageTests() => Assertions.SetDefaultExpectTimeout((float)BrowserSession.Timeout.TotalMilliseconds);

    private MonitoredLab Lab => fixture.Lab;

    [BrowserFact]
    public async Task A_file_is_previewed_with_its_problems_at_the_field_then_applied_and_an_import_is_previewed()
    {
        await Lab.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;
        await browser.OpenAsync(Lab.Server.BaseUrl);
        await page.NavigateAsync("Config as code");
        await Expect(page.Locator("[data-page='settings-config']")).ToBeVisibleAsync();

        await page.ClickButtonAsync("Load the current configuration");
        await Expect(page.Field("YAML")).ToHaveValueAsync(new Regex("^checks:"));
        await Expect(page.Field("YAML")).ToHaveValueAsync(new Regex("statusPages:"));

        // A typo: named by its path, in the table and at the field; what was typed stays and nothing is applied.
        const string Typo = "statusPages:\n  - slug: ops\n    titel: Operations\n";
        await page.Field("YAML").FillAsync(Typo);
        await page.ClickButtonAsync("Preview changes");
        await Expect(page.Locator("#config-errors [data-error-path='statusPages[0].titel']")).ToContainTextAsync("did you mean 'title'");
        await Expect(page.FieldError("YAML")).ToContainTextAsync("statusPages[0].titel");
        await Expect(page.Field("YAML")).ToHaveValueAsync(Typo);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true })).ToBeDisabledAsync();
        await browser.ScreenshotAsync("settings-config-errors.png", forDocs: false);

        // Fixed: the preview lists the change, applying makes it.
        await page.Field("YAML").FillAsync("statusPages:\n  - slug: ops\n    title: Operations\n    description: For the on-call team\n");
        await page.ClickButtonAsync("Preview changes");
        await Expect(page.Locator("#config-changes tr[data-op='create'][data-kind='statusPage'][data-name='ops']")).ToBeVisibleAsync();
        Assert.DoesNotContain("\"ops\"", await Lab.Api.GetStringAsync("/api/status-pages"));
        await page.ClickButtonAsync("Apply");
        await Expect(page.Locator("#config-changes")).ToContainTextAsync("Applied");
        Assert.Contains("\"ops\"", await Lab.Api.GetStringAsync("/api/status-pages"));

        // An import: translated, with what was not, and previewed (the lab's own checks would be deleted: listed, not done).
        await page.ChooseAsync("Source", "Gatus config.yaml");
        await page.Field("File").SetInputFilesAsync(new FilePayload
        {
            Name = "config.yaml",
            MimeType = "application/yaml",
            Buffer = Encoding.UTF8.GetBytes("""
                endpoints:
                  - name: from gatus
                    url: "https://status.example.net/health"
                    interval: 30s
                    conditions:
                      - "[STATUS] == 200"
                      - "[DOMAIN_EXPIRATION] > 720h"
                """),
        });
        await Expect(page.Locator(".import-notes")).ToContainTextAsync("[DOMAIN_EXPIRATION]");
        await Expect(page.Locator("#config-changes tr[data-op='create'][data-kind='check'][data-name='from gatus']")).ToBeVisibleAsync();
        await Expect(page.Locator("#config-changes tr[data-op='delete'][data-kind='check']").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("settings-config.png");
        await page.SetViewportSizeAsync(390, 900);
        await browser.ScreenshotAsync("settings-config-390.png", forDocs: false);
        Assert.False(await browser.HasHorizontalScrollAsync(), "the config page scrolls sideways at 390 px");
        var checks = await Lab.Api.GetFromJsonAsync<JsonArray>("/api/checks");
        Assert.DoesNotContain(checks!, c => c!["name"]!.GetValue<string>() == "from gatus");
        browser.AssertNoProblems();
    }
}
