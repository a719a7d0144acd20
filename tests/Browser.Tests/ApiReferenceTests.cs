using System.Collections.Concurrent;
using Linkwatch.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Linkwatch.Browser.Tests;

/// <summary>The API reference page: the server's own OpenAPI document, rendered for signed-in people.</summary>
public sealed class ApiReferenceTests
{
    static ApiReferenceTests() => Assertions.SetDefaultExpectTimeout((float)BrowserSession.Timeout.TotalMilliseconds);

    [BrowserFact]
    public async Task The_api_reference_shows_our_operations_to_signed_in_people_and_loads_nothing_from_elsewhere()
    {
        using var temp = new TempDirectory();
        await using var server = await ServerProcess.StartAsync(temp.Sub("server"));
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;
        var origin = server.BaseUrl.GetLeftPart(UriPartial.Authority);
        var elsewhere = new ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin + "/", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)
                && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
                elsewhere.Enqueue(request.Url);
        };

        // Like every page of the dashboard, it needs the sign-in cookie.
        await page.GotoAsync(new Uri(server.BaseUrl, "/api-reference").ToString());
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);

        // Signed in, the navigation leads to it.
        await browser.OpenAsync(server.BaseUrl, "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "API reference" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/api-reference/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Linkwatch", Exact = true })).ToBeVisibleAsync();
        // The operations are grouped by feature; the checks' group lists the checks' endpoints by path.
        await page.GetByRole(AriaRole.Link, new() { Name = "checks", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "/api/checks HTTP Method: POST", Exact = true }).ClickAsync();
        var createCheck = page.GetByRole(AriaRole.Heading, new() { Name = "/api/checks", Exact = true }).First;
        await Assertions.Expect(createCheck).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("CheckBody").First).ToBeAttachedAsync();
        await browser.ScreenshotAsync("api-reference.png");

        await page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(createCheck).ToBeVisibleAsync();
        Assert.False(await browser.HasHorizontalScrollAsync(), "the API reference scrolls sideways at 390 px");
        // The reference is one very long page: what a phone shows first says more than all of it.
        var phone = Path.Combine(AppContext.BaseDirectory, "screenshots", "api-reference-390.png");
        Directory.CreateDirectory(Path.GetDirectoryName(phone)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = phone, FullPage = false }).WaitAsync(BrowserSession.Timeout);

        Assert.True(elsewhere.IsEmpty, "the page asked for resources from elsewhere:\n" + string.Join('\n', elsewhere));
        // The bundle's schema library probes once whether it may compile code (`Function("")` in a try) and works
        // without when the policy says no, as ours does: that refusal is the policy working, not a fault.
        var evalProbe = $"console error: CSP violation: script-src blocked eval at {origin}/api-reference/scalar.js:";
        var problems = browser.Problems.Where(p => !p.StartsWith(evalProbe, StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0, "the page had problems:\n" + string.Join('\n', problems));
    }
}
