using Microsoft.Playwright;

namespace Linkwatch.DashboardBench;

/// <summary>
/// One headless Debian chromium with several overview pages in one signed-in context, each its own Blazor circuit.
/// </summary>
public sealed class LivePages : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    // Every check row the page shows: check id, agent and the start time (Unix ms, 0 for none) of the result it shows.
    private const string RowsShown = """
        () => Array.from(document.querySelectorAll('tr.check-row')).map(r => {
            const t = r.querySelector('[data-started-at]');
            return [Number(r.getAttribute('data-check-id')), r.getAttribute('data-agent') ?? '', t ? Date.parse(t.getAttribute('data-started-at')) : 0];
        })
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;
    private readonly List<IPage> _pages = [];

    private LivePages(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        _playwright = playwright;
        _browser = browser;
        _context = context;
    }

    public IReadOnlyList<IPage> Pages => _pages;

    public static async Task<LivePages> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync().WaitAsync(Timeout);
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                // Two renderers for all pages: what one person's browser with many tabs of one site comes to.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--renderer-process-limit=2"],
                Timeout = (float)Timeout.TotalMilliseconds,
            }).WaitAsync(Timeout);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
                TimezoneId = "UTC",
            }).WaitAsync(Timeout);
            return new LivePages(playwright, browser, context);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Opens the overview in a new tab; the first one signs in through the form, the rest share its cookie.</summary>
    public async Task OpenOverviewAsync(Uri server)
    {
        var page = await _context.NewPageAsync().WaitAsync(Timeout);
        page.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        page.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        _pages.Add(page);
        await page.GotoAsync(server.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Commit }).WaitAsync(Timeout);
        if (new Uri(page.Url).AbsolutePath == "/login")
        {
            await page.GetByLabel("Email").FillAsync(SignIn.Email).WaitAsync(Timeout);
            await page.GetByLabel("Password").FillAsync(SignIn.Password).WaitAsync(Timeout);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync().WaitAsync(Timeout);
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/").WaitAsync(Timeout);
        }
        await Assertions.Expect(page.Locator("#live-indicator")).ToHaveAttributeAsync("data-state", "live",
            new() { Timeout = (float)Timeout.TotalMilliseconds }).WaitAsync(Timeout);
    }

    /// <summary>One shown row: its check, its agent and the start time (Unix ms) of the result it shows.</summary>
    public sealed record ShownRow(long CheckId, string Agent, long StartedAtMs);

    /// <summary>Each page's shown rows, or null for a page that did not answer in time.</summary>
    public async Task<IReadOnlyList<ShownRow>?[]> RowsShownAsync(TimeSpan timeout) =>
        await Task.WhenAll(_pages.Select(async page =>
        {
            try
            {
                var rows = await page.EvaluateAsync<System.Text.Json.JsonElement>(RowsShown).WaitAsync(timeout);
                return (IReadOnlyList<ShownRow>?)[.. rows.EnumerateArray().Select(r =>
                    new ShownRow((long)r[0].GetDouble(), r[1].GetString() ?? "", (long)r[2].GetDouble()))];
            }
            catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
            {
                return null;
            }
        }));

    public async ValueTask DisposeAsync()
    {
        // Closing the browser closes the context and every page with it; Playwright's own dispose ends the driver.
        try
        {
            await _browser.CloseAsync().WaitAsync(Timeout);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            Console.Error.WriteLine($"chromium did not close: {ex.Message.Split('\n')[0]}");
        }
        _playwright.Dispose();
    }
}
