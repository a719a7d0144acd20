using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Linkwatch.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Linkwatch.Browser.Tests;

/// <summary>
/// What a newcomer gets from the README's run command: the server with its embedded agent and
/// demo checks, live in the browser within seconds, with nothing configured.
/// </summary>
public sealed partial class FirstRunTests
{
    private const string EmbeddedAgent = "local";
    private const string DemoCheck = "Linkwatch server health";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    // Demo checks run every 5 s: two further results take up to about 15 s under load.
    private static readonly TimeSpan FollowTimeout = TimeSpan.FromSeconds(30);

    [BrowserFact]
    public async Task Readme_run_command_serves_the_embedded_agent_and_its_demo_results_live()
    {
        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        // The README's command, in its build-then-run form (--no-build); only the port and data folder are the test's.
        await using var server = ChildProcess.Start("run",
            ["--project", Path.Combine(Repo.Root, "src", "Server"), "-c", Repo.Configuration, "--no-build", "--", "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string> { ["Storage__DataDir"] = data },
            workingDirectory: Repo.Root);
        var printed = await server.WaitForLineAsync(l => DashboardLine().IsMatch(l), StartTimeout);
        var url = new Uri(DashboardLine().Match(printed).Groups["url"].Value);

        // Nothing was configured: the first start generated an API key and kept it in the data folder.
        var apiKeyFile = Path.Combine(data, "api-key");
        await Api.EventuallyAsync(() => Task.FromResult(File.Exists(apiKeyFile)), e => e, StartTimeout, "a generated API key");
        using var api = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(15) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(apiKeyFile)).Trim());
        await Api.EventuallyAsync(async () => (await api.GetAsync("/readyz")).IsSuccessStatusCode, r => r, StartTimeout, "readiness");
        var checks = await Api.EventuallyAsync(() => Api.GetArrayAsync(api, "/api/checks"), c => c.Count >= 1, StartTimeout, "demo checks");
        var checkId = checks.Single(c => c!["name"]!.GetValue<string>() == DemoCheck)!["id"]!.GetValue<long>();

        // And the first admin: admin@localhost with a generated password, printed once and kept in the data folder.
        var adminPassword = (await File.ReadAllTextAsync(Path.Combine(data, "admin-password"))).Trim();
        Assert.Equal(20, adminPassword.Length);
        Assert.Contains("sign in as admin@localhost with password " + adminPassword, server.Output, StringComparison.Ordinal);

        await using var browser = await BrowserSession.StartAsync();
        browser.Credentials = ("admin@localhost", adminPassword);
        var page = browser.Page;
        var circuits = new ConcurrentQueue<string>();
        page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/_blazor", StringComparison.Ordinal))
                circuits.Enqueue(socket.Url);
        };
        await browser.OpenAsync(url);

        var agent = page.Locator($"#agents-panel tr[data-agent='{EmbeddedAgent}']");
        await Expect(agent).ToHaveAttributeAsync("data-online", "true", new() { Timeout = 30_000 });
        var row = page.Locator($"tr.check-row[data-check-id='{checkId}'][data-agent='{EmbeddedAgent}']");
        await Expect(row).ToContainTextAsync("up", new() { Timeout = 30_000 });
        var pageId = await page.EvaluateAsync<double>("() => window.__pageId = Math.random()");
        var startedAt = row.Locator("[data-started-at]");

        var seen = new List<string> { await MatchesNewestAsync(api, checkId, startedAt) };
        var deadline = DateTime.UtcNow + FollowTimeout;
        while (seen.Count < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the row did not follow new results; seen {string.Join(", ", seen)}\n{server.Output}");
            var shown = await startedAt.GetAttributeAsync("data-started-at", new() { Timeout = 5_000 });
            if (shown is not null && shown != seen[^1])
                seen.Add(shown);
            await Task.Delay(100);
        }
        await MatchesNewestAsync(api, checkId, startedAt);
        await Expect(startedAt).ToHaveTextAsync(new Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$"));
        Assert.Equal(pageId, await page.EvaluateAsync<double>("() => window.__pageId"));
        Assert.Single(circuits);
        browser.AssertNoProblems();
    }

    /// <summary>Waits until the row shows the start time of the newest result the API reports (a momentary race is not a failure).</summary>
    private static async Task<string> MatchesNewestAsync(HttpClient api, long checkId, ILocator startedAt)
    {
        var deadline = DateTime.UtcNow + FollowTimeout;
        string? shown = null, newest = null;
        while (DateTime.UtcNow < deadline)
        {
            var latest = await Api.GetArrayAsync(api, $"/api/results?checkId={checkId}&agent={EmbeddedAgent}&limit=1");
            newest = latest.Count == 1 ? latest[0]!["startedAt"]!.GetValue<string>() : null;
            shown = await startedAt.GetAttributeAsync("data-started-at", new() { Timeout = 5_000 });
            if (newest is not null && shown == newest)
                return shown;
            await Task.Delay(150);
        }
        throw new TimeoutException($"page shows {shown ?? "nothing"}, the API's newest is {newest ?? "nothing"}");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [GeneratedRegex(@"Linkwatch dashboard: (?<url>http://127\.0\.0\.1:\d+)/")]
    private static partial Regex DashboardLine();
}
