using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Linkwatch.Browser.Tests.Infrastructure;

/// <summary>
/// Headless chromium with one page (1400x800 unless asked) that records everything a person would notice
/// as broken: console errors (Content-Security-Policy violations among them), uncaught exceptions, failed requests
/// and error responses.
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
        // A request the browser itself gave up because the page moved on (ERR_ABORTED) is not a fault.
        page.RequestFailed += (_, request) =>
        {
            if (request.Failure?.Contains("ERR_ABORTED", StringComparison.Ordinal) != true)
                _problems.Enqueue($"request failed: {request.Method} {request.Url}: {request.Failure}");
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                _problems.Enqueue($"response {response.Status}: {response.Request.Method} {response.Url}");
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Problems => [.. _problems];

    /// <param name="width">Viewport width in CSS pixels; 390 is a common phone.</param>
    /// <param name="colorScheme">What the "system" theme follows: the operating system's light or dark preference.</param>
    public static async Task<BrowserSession> StartAsync(int width = 1400, ColorScheme colorScheme = ColorScheme.Light)
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
                ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 844 : 800 },
                TimezoneId = "UTC",
                ColorScheme = colorScheme,
            }).WaitAsync(Timeout);
            // A script, style or connection the Content-Security-Policy blocks is a fault like any console error;
            // the event says which directive refused what, which the console message does not always.
            await context.AddInitScriptAsync(
                "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective"
                + " + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));").WaitAsync(Timeout);
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

    /// <summary>Who <see cref="OpenAsync"/> signs in as: the first admin test servers are given, unless a test says otherwise.</summary>
    public (string Email, string Password) Credentials { get; set; } = (ServerProcess.AdminEmail, ServerProcess.AdminPassword);

    private bool _signedIn;

    /// <summary>
    /// Opens a dashboard page and waits until it is live (its Blazor circuit is connected): the one place every
    /// test navigates through. The first time, the page sends the browser to the login page, which is filled in as a
    /// person would and brings the browser back to the page, so the page still has one circuit.
    /// </summary>
    public async Task OpenAsync(Uri server, string path = "/")
    {
        await Page.GotoAsync(new Uri(server, path).ToString());
        if (!_signedIn && new Uri(Page.Url).AbsolutePath == "/login")
        {
            await SignInAsync(server, Credentials.Email, Credentials.Password);
            _signedIn = true;
        }
        await Assertions.Expect(Page.Locator("#live-indicator")).ToHaveAttributeAsync("data-state", "live");
    }

    /// <summary>Fills and submits the sign-in form; returns once the browser has left the login page for a live page.</summary>
    public async Task SignInAsync(Uri server, string email, string password)
    {
        await SubmitSignInAsync(server, email, password);
        await Page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
        await Assertions.Expect(Page.Locator("#live-indicator")).ToHaveAttributeAsync("data-state", "live");
    }

    /// <summary>Fills and submits the sign-in form and waits for the answer, whatever it is.</summary>
    public async Task SubmitSignInAsync(Uri server, string email, string password)
    {
        if (!Page.Url.StartsWith(new Uri(server, "/login").ToString(), StringComparison.Ordinal))
            await Page.GotoAsync(new Uri(server, "/login").ToString());
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.RunAndWaitForResponseAsync(
            () => Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
            response => response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == "/login");
    }

    /// <summary>The choice the theme menu remembers, set before the next page load.</summary>
    public Task RememberThemeAsync(string mode) =>
        _context.AddInitScriptAsync($"try {{ localStorage.setItem('linkwatch.theme', '{mode}'); }} catch {{ }}");

    public Task<bool> HasHorizontalScrollAsync() =>
        Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");

    public void AssertNoProblems()
    {
        var problems = Problems;
        Assert.True(problems.Count == 0, "the page had problems:\n" + string.Join('\n', problems));
    }

    /// <summary>A screenshot into the repository's docs/images, where the docs link it, or with <paramref name="forDocs"/> false into the test output.</summary>
    public async Task ScreenshotAsync(string fileName, bool forDocs = true)
    {
        var path = forDocs ? Path.Combine(Repo.Root, "docs", "images", fileName) : Path.Combine(AppContext.BaseDirectory, "screenshots", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = !forDocs, Timeout = (float)Timeout.TotalMilliseconds }).WaitAsync(Timeout);
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
