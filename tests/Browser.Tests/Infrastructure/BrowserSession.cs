using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Linkwatch.Browser.Tests.Infrastructure;

/// <summary>
/// Headless chromium with one 1280x800 page that records everything a person would notice as broken:
/// console errors, uncaught exceptions, failed requests and error responses.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(60);

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _problems = new();

    private BrowserSession(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                _problems.Enqueue($"console error: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => _problems.Enqueue($"uncaught: {error}");
        page.RequestFailed += (_, request) => _problems.Enqueue($"request failed: {request.Method} {request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                _problems.Enqueue($"response {response.Status}: {response.Request.Method} {response.Url}");
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Problems => [.. _problems];

    public static async Task<BrowserSession> StartAsync()
    {
        var playwright = await Playwright.CreateAsync().WaitAsync(LaunchTimeout);
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = BrowserEnvironment.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
                Timeout = (float)LaunchTimeout.TotalMilliseconds,
            }).WaitAsync(LaunchTimeout);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
                TimezoneId = "UTC",
            }).WaitAsync(Timeout);
            var page = await context.NewPageAsync().WaitAsync(Timeout);
            page.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
            page.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
            return new BrowserSession(playwright, browser, context, page);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public void AssertNoProblems()
    {
        var problems = Problems;
        Assert.True(problems.Count == 0, "the page had problems:\n" + string.Join('\n', problems));
    }

    /// <summary>A screenshot into the repository's docs/images, where the docs link it.</summary>
    public async Task ScreenshotAsync(string fileName)
    {
        var path = Path.Combine(Repo.Root, "docs", "images", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Timeout = (float)Timeout.TotalMilliseconds }).WaitAsync(Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _context.CloseAsync().WaitAsync(Timeout);
            await _browser.CloseAsync().WaitAsync(Timeout);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
        }
        _playwright.Dispose();
    }
}
