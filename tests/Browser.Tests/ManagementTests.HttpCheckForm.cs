using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Linkwatch.Browser.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace Linkwatch.Browser.Tests;

/// <summary>
/// The check form's http options in a real browser, on the same lab as the other management tests: headers and JSON
/// conditions one a line, a status list, a write-only bearer token that an edit with the field left empty keeps
/// (proved by running the check).
/// </summary>
public sealed partial class ManagementTests
{
    private const string Token = "form-bearer-token-4711";

    [BrowserFact]
    public async Task An_http_check_with_headers_json_conditions_and_a_bearer_is_made_and_edited_in_the_form()
    {
        await Lab.StartAsync();
        var (app, address) = await LoopbackKestrel.StartAsync(a => a.MapGet("/api", (HttpContext c) =>
            c.Request.Headers.Authorization == $"Bearer {Token}" && c.Request.Headers["X-Tenant"] == "blue"
                ? Results.Text("""{"status":"up","items":[1,2]}""", "application/json")
                : Results.Unauthorized()));
        await using var _ = app;
        var target = new Uri(address, "/api").ToString();

        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;
        await browser.OpenAsync(Lab.Server.BaseUrl, "/checks/new");
        await page.Field("Name").FillAsync("ui http");
        await page.ChooseAsync("Kind", "http");
        await page.Field("Target").FillAsync(target);
        await page.Field("Interval").FillAsync("30");
        await page.Field("Headers").FillAsync("X-Tenant: blue");
        await page.Field("Expect status").FillAsync("200-299");
        await page.Field("Bearer").FillAsync(Token);
        await Expect(page.Field("Bearer")).ToHaveAttributeAsync("type", "password");

        // A bad condition is refused at its field in the API's words, and what was typed stays.
        await page.Field("Expect json").FillAsync("status == up\nstatus");
        await page.ClickButtonAsync("Create check");
        var apiError = await ApiErrorAsync("/api/checks", new
        {
            name = "ui http", kind = "http", target, intervalSeconds = 30,
            options = new { expectJson = new[] { "status == up", "status" } },
        }, "options.expectJson[1]");
        await Expect(page.FieldError("Expect json")).ToHaveTextAsync(apiError);
        await Expect(page.Field("Expect json")).ToHaveValueAsync("status == up\nstatus");

        await page.Field("Expect json").FillAsync("status == up\nlen(items) == 2");
        await page.ClickButtonAsync("Create check");
        await Expect(page.Locator("[data-page='check']")).ToBeVisibleAsync();
        var checkId = long.Parse(await page.Locator("[data-page='check']").GetAttributeAsync("data-check-id") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var stored = await Api.GetObjectAsync(Lab.Api, $"/api/checks/{checkId}");
        var options = stored["options"]!;
        Assert.Equal("blue", options["headers"]!["X-Tenant"]!.GetValue<string>());
        Assert.Equal("200-299", options["expectStatus"]!.GetValue<string>());
        Assert.Equal(["status == up", "len(items) == 2"], options["expectJson"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Null(options["bearer"]);
        Assert.DoesNotContain(Token, stored.ToJsonString());

        // Edited with the secret field left empty: the stored token is kept, as a run shows.
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.Field("Headers")).ToHaveValueAsync("X-Tenant: blue");
        await Expect(page.Field("Bearer")).ToHaveValueAsync("");
        await page.Field("Interval").FillAsync("40");
        await page.ClickButtonAsync("Save check");
        await Expect(page.Locator(".definition")).ToContainTextAsync("40 s");
        Assert.DoesNotContain(Token, await page.ContentAsync());

        using var run = await Lab.Api.PostAsJsonAsync($"/api/checks/{checkId}/run", new { agent = MonitoredLab.AgentName });
        var results = JsonNode.Parse(await run.Content.ReadAsStringAsync())!.AsArray();
        Assert.True(run.StatusCode == HttpStatusCode.OK, results.ToJsonString());
        Assert.Equal("ok", results[0]!["verdict"]!.GetValue<string>());
        Assert.DoesNotContain(Token, results.ToJsonString());

        // The lab is shared with the other management tests: the check leaves with its target.
        using var deleted = await Lab.Api.DeleteAsync($"/api/checks/{checkId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }
}
