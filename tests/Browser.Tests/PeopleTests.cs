using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Linkwatch.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Linkwatch.Browser.Tests;

/// <summary>People with different rights, their keys, and the audit log of who changed what, in a real browser.</summary>
public sealed class PeopleTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private const string ViewerEmail = "viewer@lab.test";
    private const string ViewerPassword = "viewer-password-0123";

    static PeopleTests() => Assertions.SetDefaultExpectTimeout((float)BrowserSession.Timeout.TotalMilliseconds);

    private MonitoredLab Lab => fixture.Lab;

    [BrowserFact]
    public async Task An_admin_adds_a_viewer_who_sees_no_change_controls_and_the_audit_log_names_each_checks_author()
    {
        await Lab.StartAsync();
        await using (var admin = await BrowserSession.StartAsync())
        {
            var page = admin.Page;
            await admin.OpenAsync(Lab.Server.BaseUrl, "/settings/users");

            // A bad email is refused at the field in the API's words; then the viewer is created.
            await page.Field("Email").FillAsync("not-an-email");
            await page.Field("Password").FillAsync(ViewerPassword);
            await page.ChooseAsync("Role", "viewer");
            await page.ClickButtonAsync("Create user");
            using (var api = await Lab.Api.PostAsJsonAsync("/api/users", new { email = "not-an-email", password = ViewerPassword, role = "viewer" }))
            {
                Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
                var words = JsonNode.Parse(await api.Content.ReadAsStringAsync())!["errors"]!["email"]![0]!.GetValue<string>();
                await Expect(page.FieldError("Email")).ToHaveTextAsync(words);
            }
            await admin.ScreenshotAsync("form-user-errors.png", forDocs: false);
            await page.Field("Email").FillAsync(ViewerEmail);
            await page.ClickButtonAsync("Create user");
            await Expect(page.Locator($"#users-list tr[data-email='{ViewerEmail}']")).ToHaveAttributeAsync("data-role", "viewer");
            await admin.ScreenshotAsync("settings-users.png", forDocs: false);

            // A check made in the form by the admin, one through the API by an editor's key.
            await admin.OpenAsync(Lab.Server.BaseUrl, "/checks/new");
            await page.Field("Name").FillAsync("made in the ui");
            await page.Field("Target").FillAsync("127.0.0.1:9");
            await page.ClickButtonAsync("Create check");
            await Expect(page.Locator("[data-page='check']")).ToBeVisibleAsync();
            var editorKey = await EditorKeyAsync();
            using var editor = new HttpClient { BaseAddress = Lab.Server.BaseUrl, Timeout = TimeSpan.FromSeconds(15) };
            editor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", editorKey);
            await editor.CreateCheckAsync(new { name = "made by the api", kind = "tcp", target = "127.0.0.1:9", intervalSeconds = 30 });

            await admin.OpenAsync(Lab.Server.BaseUrl, "/settings/audit");
            await Expect(page.Locator("#audit-list tr[data-kind='check'][data-action='created']").Filter(new() { HasText = "made in the ui" }))
                .ToHaveAttributeAsync("data-actor", ServerProcess.AdminEmail);
            await Expect(page.Locator("#audit-list tr[data-kind='check'][data-action='created']").Filter(new() { HasText = "made by the api" }))
                .ToHaveAttributeAsync("data-actor", "editor@lab.test");
            await admin.ScreenshotAsync("settings-audit.png", forDocs: false);
            var audit = await Api.GetArrayAsync(Lab.Api, "/api/audit?kind=check");
            Assert.Contains(audit, e => e!["objectName"]!.GetValue<string>() == "made in the ui" && e["actor"]!.GetValue<string>() == ServerProcess.AdminEmail);
            Assert.Contains(audit, e => e!["objectName"]!.GetValue<string>() == "made by the api" && e["actor"]!.GetValue<string>() == "editor@lab.test");
            admin.AssertNoProblems();
        }

        // The viewer reads everything and is offered no change.
        await using var viewer = await BrowserSession.StartAsync();
        viewer.Credentials = (ViewerEmail, ViewerPassword);
        var v = viewer.Page;
        await viewer.OpenAsync(Lab.Server.BaseUrl);
        await Expect(v.Locator($"tr.check-row[data-check-id='{Lab.CheckId}']").First).ToBeVisibleAsync();
        await Expect(v.Locator("td.select")).ToHaveCountAsync(0);
        await Expect(v.GetByRole(AriaRole.Link, new() { Name = "add a check" })).ToHaveCountAsync(0);
        await v.NavigateAsync("Checks");
        await Expect(v.Locator("#checks-list tr[data-check-id]").First).ToBeVisibleAsync();
        await Expect(v.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToHaveCountAsync(0);
        await Expect(v.GetByRole(AriaRole.Link, new() { Name = "Add a check" })).ToHaveCountAsync(0);
        await v.Locator($"a[href='/checks/{Lab.CheckId}']").First.ClickAsync();
        await Expect(v.Locator("[data-page='check']")).ToBeVisibleAsync();
        await Expect(v.GetByRole(AriaRole.Toolbar, new() { Name = "Check actions" })).ToHaveCountAsync(0);
        await Expect(v.Locator("#run-now")).ToHaveCountAsync(0);
        await Expect(v.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        // A form's address typed by hand says the role does not allow it, and shows no form.
        await viewer.OpenAsync(Lab.Server.BaseUrl, "/checks/new");
        await Expect(v.Locator("[data-empty='not-allowed']")).ToBeVisibleAsync();
        await Expect(v.Locator("[data-page='check-form']")).ToHaveCountAsync(0);
        await viewer.ScreenshotAsync("viewer-not-allowed.png", forDocs: false);

        // Their own API key, made on the keys page and shown once, reads but does not change.
        await viewer.OpenAsync(Lab.Server.BaseUrl, "/settings/api-keys");
        await v.Field("Name").FillAsync("viewer script");
        await v.ClickButtonAsync("Create key");
        var key = await v.Locator(".minted").GetAttributeAsync("data-key");
        Assert.StartsWith("lwk_", key);
        await Expect(v.Locator("#keys-list")).ToContainTextAsync("viewer script");
        using var script = new HttpClient { BaseAddress = Lab.Server.BaseUrl, Timeout = TimeSpan.FromSeconds(15) };
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using (var read = await script.GetAsync("/api/checks"))
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using (var change = await script.PostAsJsonAsync("/api/checks", new { name = "nope", kind = "tcp", target = "127.0.0.1:9", intervalSeconds = 30 }))
            Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        viewer.AssertNoProblems();
    }

    private async Task<string> EditorKeyAsync()
    {
        using var created = await Lab.Api.PostAsJsonAsync("/api/users", new { email = "editor@lab.test", password = "editor-password-0123", role = "editor" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        using var key = await Lab.Api.PostAsJsonAsync("/api/api-keys", new { name = "editor automation", userId = id });
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        return JsonNode.Parse(await key.Content.ReadAsStringAsync())!["key"]!.GetValue<string>();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
