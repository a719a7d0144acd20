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
public sealed partial class ManagementTests(LabFixture fixture) : IClassFixture<LabFixture>
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
        await page.Locator("[data-page='check-form'] .form-card").ScreenshotAsync(new() { Path = Path.Combine(Repo.Root, "docs", "images", "check-form.png") });

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

        // "Run now" on its page: the agent runs it once, at once, and the page shows what it found.
        await row.GetByRole(AriaRole.Link, new() { Name = "ui tcp" }).ClickAsync();
        await Expect(page.Locator("#run-now")).ToContainTextAsync(MonitoredLab.AgentName);
        await page.ClickButtonAsync("Run now");
        var ran = page.Locator("#run-now .run-result tbody tr");
        await Expect(ran.First).ToHaveAttributeAsync("data-status", "up");
        await Expect(ran.First).ToContainTextAsync("ok");
        await browser.ScreenshotAsync("check-run-now.png", forDocs: false);

        // Deleted with the overview's bulk action, after a confirmation.
        await page.NavigateAsync("Overview");
        await page.GetByLabel("Select ui tcp").CheckAsync();
        await page.GetByRole(AriaRole.Toolbar, new() { Name = "Selected checks" }).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.Locator($"tr.check-row[data-check-id='{checkId}']")).ToHaveCountAsync(0);
        using (var gone = await Lab.Api.GetAsync($"/api/checks/{checkId}"))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        browser.AssertNoProblems();
    }

    [BrowserFact]
    public async Task A_token_minted_in_the_page_enrolls_an_agent_that_comes_online_live_and_is_then_revoked()
    {
        await Lab.StartAsync();
        using var temp = new TempDirectory("linkwatch-ui-agent");
        const string name = "ui-agent-3";
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;
        await browser.OpenAsync(Lab.Server.BaseUrl, "/settings/agents");

        // A name outside the rule is refused as the API refuses it.
        await page.Field("Name").FillAsync("bad name!");
        await page.ClickButtonAsync("Mint token");
        var nameError = await ApiErrorAsync("/api/enrollment-tokens", new { name = "bad name!" }, "name");
        await Expect(page.FieldError("Name")).ToHaveTextAsync(nameError);
        await Expect(page.Field("Name")).ToHaveValueAsync("bad name!");

        await page.Field("Name").FillAsync(name);
        await page.ClickButtonAsync("Mint token");
        var minted = page.Locator(".minted");
        var token = await minted.GetAttributeAsync("data-token");
        Assert.False(string.IsNullOrEmpty(token));
        await Expect(page.Locator("#enroll-command")).ToContainTextAsync($"--server {Lab.Server.BaseUrl.ToString().TrimEnd('/')} --token {token} --name {name}");
        await Expect(page.Locator("#tokens-list tr[data-usable='true']")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync("settings-agents-minted.png", forDocs: false);

        // The command as the page shows it enrolls the agent; running, it shows online without a reload.
        var data = temp.Sub("agent");
        await AgentProcess.EnrollAsync(Lab.Server.BaseUrl, name, data, token!);
        await using (var agent = AgentProcess.Run(data))
        {
            var row = page.Locator($"#agents-list tr[data-agent='{name}']");
            await Expect(row).ToHaveAttributeAsync("data-state", "online", new() { Timeout = (float)ResultTimeout.TotalMilliseconds });
            await Expect(page.Locator("#tokens-list tr[data-usable='true']")).ToHaveCountAsync(0);

            // Its labels, edited here, are the server's from now on.
            await row.GetByRole(AriaRole.Button, new() { Name = $"Edit labels of {name}" }).ClickAsync();
            await row.GetByLabel("Labels", new() { Exact = true }).FillAsync("site=lab, rack=3");
            await row.GetByRole(AriaRole.Button, new() { Name = "Save labels" }).ClickAsync();
            await Expect(row).ToContainTextAsync("site=lab, rack=3");
            var listed = (await Api.GetArrayAsync(Lab.Api, "/api/agents")).First(a => a!["name"]!.GetValue<string>() == name)!;
            Assert.Equal("3", listed["labels"]!["rack"]!.GetValue<string>());

            // Revoked after a confirmation: its connection ends and the page says so.
            await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
            await Expect(row).ToHaveAttributeAsync("data-state", "revoked");
            listed = (await Api.GetArrayAsync(Lab.Api, "/api/agents")).First(a => a!["name"]!.GetValue<string>() == name)!;
            Assert.True(listed["revoked"]!.GetValue<bool>());
            Assert.False(listed["online"]!.GetValue<bool>());
        }
        await browser.ScreenshotAsync("settings-agents.png", forDocs: false);
        browser.AssertNoProblems();
    }

    [BrowserFact]
    public async Task A_webhook_channel_is_tested_and_a_rule_made_in_the_forms_opens_an_alert_acknowledged_in_the_page()
    {
        await Lab.StartAsync();
        using var receiver = new WebhookReceiver();
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;
        await browser.OpenAsync(Lab.Server.BaseUrl, "/settings/channels");
        await Expect(page.Locator("[data-empty='channels']")).ToBeVisibleAsync();

        // The channel form: a URL that is not one is refused at the field, as the API refuses it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a channel" }).ClickAsync();
        await page.Field("Name").FillAsync("ui-hook");
        await page.Field("Url").FillAsync("not a url");
        await page.ClickButtonAsync("Create channel");
        var urlError = await ApiErrorAsync("/api/channels", new { name = "ui-hook", type = "webhook", settings = new { url = "not a url" } }, "settings.url");
        await Expect(page.FieldError("Url")).ToHaveTextAsync(urlError);
        await Expect(page.Field("Url")).ToHaveValueAsync("not a url");
        await browser.ScreenshotAsync("form-channel-errors.png", forDocs: false);
        await page.Field("Url").FillAsync(receiver.Url);
        await browser.ScreenshotAsync("form-channel.png", forDocs: false);
        await page.ClickButtonAsync("Create channel");

        // "Send test" delivers to the receiver and shows the delivery, which the log lists too.
        var row = page.Locator("#channels-list tr").Filter(new() { HasText = "ui-hook" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Send test to ui-hook" }).ClickAsync();
        await Expect(page.Locator(".test-result")).ToHaveAttributeAsync("data-success", "true");
        await Expect(page.Locator(".test-result")).ToContainTextAsync("HTTP 200");
        Assert.Contains(receiver.Requests, r => r.Json["event"]?.GetValue<string>() == "test");
        await Expect(page.Locator("#deliveries tr[data-success='true']").First).ToContainTextAsync("ui-hook");
        await browser.ScreenshotAsync("channels.png", forDocs: false);

        // The rule form: a threshold of 0 is refused as the API refuses it; then a rule on the closed port.
        await page.NavigateAsync("Alert rules");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a rule" }).ClickAsync();
        await page.Field("Name").FillAsync("closed port from the ui");
        await page.ChooseAsync("Check", "closed port");
        // Typed, then left with Tab so the value is sent before the next control re-renders the form (a render still on
        // its way from choosing the check could otherwise put the default back into the field).
        await page.Field("Open after failures").FillAsync("0");
        await page.Field("Open after failures").PressAsync("Tab");
        await page.ChooseAsync("Channels", "ui-hook");
        await Expect(page.Field("Open after failures")).ToHaveValueAsync("0");
        await page.ClickButtonAsync("Create rule");
        var thresholdError = await ApiErrorAsync("/api/alert-rules",
            new { name = "closed port from the ui", checkId = Lab.ClosedCheckId, openAfterFailures = 0, channels = new[] { "ui-hook" } }, "openAfterFailures");
        await Expect(page.FieldError("Open after failures")).ToHaveTextAsync(thresholdError);
        await browser.ScreenshotAsync("form-rule-errors.png", forDocs: false);
        await page.Field("Open after failures").FillAsync("2");
        await browser.ScreenshotAsync("form-rule.png", forDocs: false);
        await page.ClickButtonAsync("Create rule");
        await Expect(page.Locator("#rules-list")).ToContainTextAsync("closed port from the ui");

        // It opens an alert, which the receiver hears of and an admin acknowledges on its page.
        var alerts = await Api.EventuallyAsync(() => Api.GetArrayAsync(Lab.Api, "/api/alerts?state=open"),
            a => a.Any(x => x!["checkId"]!.GetValue<long>() == Lab.ClosedCheckId), ResultTimeout, "an open alert from the rule made in the form");
        var alertId = alerts.First(x => x!["checkId"]!.GetValue<long>() == Lab.ClosedCheckId)!["id"]!.GetValue<long>();
        await Api.EventuallyAsync(() => Task.FromResult(receiver.Requests.Count(r => r.Json["event"]?.GetValue<string>() == "opened")),
            n => n > 0, ResultTimeout, "the opened notification at the receiver");
        await page.NavigateAsync("Alerts");
        await page.Locator($"#alert-{alertId} a[href='/alerts/{alertId}']").ClickAsync();
        await page.ClickButtonAsync("Acknowledge");
        await Expect(page.Locator("#alert-live .alert-state[data-state='acknowledged']")).ToBeVisibleAsync();
        await Api.EventuallyAsync(() => Api.GetObjectAsync(Lab.Api, $"/api/alerts/{alertId}"),
            a => a["state"]!.GetValue<string>() == "acknowledged", ResultTimeout, "the acknowledgement stored");
        browser.AssertNoProblems();
    }

    [BrowserFact]
    public async Task A_silence_and_a_maintenance_window_are_made_in_their_forms()
    {
        await Lab.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;

        // A silence that covers nothing is refused as the API refuses it; one for the closed port is created.
        await browser.OpenAsync(Lab.Server.BaseUrl, "/settings/silences");
        await page.Field("Minutes").FillAsync("30");
        await page.ClickButtonAsync("Create silence");
        var coverError = await ApiErrorAsync("/api/silences", new { minutes = 30 }, "ruleId");
        await Expect(page.FieldError("Rule")).ToHaveTextAsync(coverError);
        await browser.ScreenshotAsync("form-silence-errors.png", forDocs: false);
        await page.ChooseAsync("Check", "closed port");
        await page.Field("Reason").FillAsync("port retired");
        await browser.ScreenshotAsync("form-silence.png", forDocs: false);
        await page.ClickButtonAsync("Create silence");
        await Expect(page.Locator("#silences-list tr[data-active='true']").First).ToContainTextAsync("port retired");
        var silences = await Api.GetArrayAsync(Lab.Api, "/api/silences");
        var silence = silences.First(s => s!["reason"]?.GetValue<string>() == "port retired")!;
        Assert.Equal(Lab.ClosedCheckId, silence["checkId"]!.GetValue<long>());
        var until = silence["until"]!.GetValue<DateTimeOffset>();
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(28), TimeSpan.FromMinutes(31));

        // A window that ends before it starts is refused as the API refuses it; a later one is created, its
        // times typed in the browser's zone (UTC in these tests) and stored as typed.
        await page.NavigateAsync("Maintenance");
        await Expect(page.Locator("[data-empty='windows']")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a window" }).ClickAsync();
        var start = DateTimeOffset.UtcNow.AddDays(1);
        start = new DateTimeOffset(start.Year, start.Month, start.Day, 2, 0, 0, TimeSpan.Zero);
        await page.Field("Name").FillAsync("switch firmware");
        await page.ChooseAsync("Check", "lab target");
        await page.Field("Start").FillAsync(start.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.Field("End").FillAsync(start.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickButtonAsync("Create window");
        var endError = await ApiErrorAsync("/api/maintenance-windows",
            new { name = "switch firmware", checkId = Lab.CheckId, start, end = start.AddHours(-1) }, "end");
        await Expect(page.FieldError("End")).ToHaveTextAsync(endError);
        await browser.ScreenshotAsync("form-window-errors.png", forDocs: false);
        await page.Field("End").FillAsync(start.AddHours(2).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await browser.ScreenshotAsync("form-window.png", forDocs: false);
        await page.ClickButtonAsync("Create window");
        await Expect(page.Locator("#windows-list")).ToContainTextAsync("switch firmware");
        var window = (await Api.GetArrayAsync(Lab.Api, "/api/maintenance-windows")).First(w => w!["name"]!.GetValue<string>() == "switch firmware")!;
        Assert.Equal(start, window["start"]!.GetValue<DateTimeOffset>());
        Assert.Equal(start.AddHours(2), window["end"]!.GetValue<DateTimeOffset>());
        Assert.Equal(Lab.CheckId, window["checkId"]!.GetValue<long>());
        browser.AssertNoProblems();
    }

    /// <summary>What the API says about <paramref name="field"/> for the same body: the words the form must show.</summary>
    [BrowserFact]
    public async Task A_push_check_made_in_the_form_has_no_target_depends_on_a_parent_and_shows_its_push_url()
    {
        await Lab.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;
        await browser.OpenAsync(Lab.Server.BaseUrl, "/checks/new");

        await page.Field("Name").FillAsync("ui push");
        await page.ChooseAsync("Kind", "push");
        // The server issues the URL: there is no target to type.
        await Expect(page.Field("Target")).ToHaveCountAsync(0);
        await page.Field("Interval").FillAsync("3600");
        await page.Field("Grace seconds").FillAsync("120");
        await page.ChooseAsync("Depends on", "lab target");
        await page.ClickButtonAsync("Create check");
        await Expect(page.Locator("[data-page='check']")).ToBeVisibleAsync();
        var checkId = long.Parse(await page.Locator("[data-page='check']").GetAttributeAsync("data-check-id") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        var stored = await Api.GetObjectAsync(Lab.Api, $"/api/checks/{checkId}");
        Assert.Equal([Lab.CheckId], stored["dependsOn"]!.AsArray().Select(n => n!.GetValue<long>()));
        Assert.Equal(120, stored["options"]!["graceSeconds"]!.GetValue<int>());
        var pushUrl = stored["pushUrl"]!.GetValue<string>();
        // Shown to the admin with a copy button, as the API gives it.
        await Expect(page.Field("Push URL")).ToHaveValueAsync(pushUrl);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy push URL" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("check-push.png", forDocs: false);

        using var job = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        (await job.GetAsync(pushUrl + "?msg=ui")).EnsureSuccessStatusCode();
        await Api.EventuallyAsync(() => Api.GetArrayAsync(Lab.Api, $"/api/results?checkId={checkId}"), r => r.Count == 1, ResultTimeout, "the push's result");

        // The overview shows the push as the check's one row, from the job rather than an agent.
        await page.NavigateAsync("Overview");
        var row = page.Locator($"tr.check-row[data-check-id='{checkId}']");
        await Expect(row).ToHaveAttributeAsync("data-status", "up", new() { Timeout = (float)ResultTimeout.TotalMilliseconds });
        await Expect(row).ToContainTextAsync("pushed by the job");

        // Editing keeps the parent shown in the form.
        await browser.OpenAsync(Lab.Server.BaseUrl, $"/checks/{checkId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.Field("Depends on")).ToHaveValueAsync("lab target");
        browser.AssertNoProblems();
    }

    private async Task<string> ApiErrorAsync(string path, object body, string field)
    {
        using var response = await Lab.Api.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return string.Join(" ", problem["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
