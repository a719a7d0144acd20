using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Server.Tests.Support;
using Linkwatch.Shared;
using Microsoft.AspNetCore.SignalR.Client;

namespace Linkwatch.Server.Tests.StatusPages;

public sealed class StatusPagesTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Status_pages_are_created_read_replaced_and_deleted_with_the_slug_rule_and_409_on_a_taken_slug_and_audited()
    {
        var checkId = await _server.CreateCheckAsync(new { name = "web", kind = "tcp", target = "web.lan:443", intervalSeconds = 60 });
        var created = await _server.Api.PostAsJsonAsync("/api/status-pages", new
        {
            slug = "acme", title = "Acme", groups = new[] { new { name = "Web", checks = new[] { checkId } } },
            notices = new[] { new { title = "Hello", body = "**all** good" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var page = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = page.GetProperty("id").GetInt64();
        Assert.True(page.GetProperty("public").GetBoolean());
        Assert.False(page.GetProperty("showAgents").GetBoolean());
        Assert.Equal(checkId, page.GetProperty("groups")[0].GetProperty("checks")[0].GetInt64());
        Assert.EndsWith("Z", page.GetProperty("notices")[0].GetProperty("at").GetString());

        var taken = await _server.Api.PostAsJsonAsync("/api/status-pages", new { slug = "acme", title = "Again" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("\"slug\"", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ProblemAssert.NamesFieldAsync(await _server.Api.PostAsJsonAsync("/api/status-pages", new { slug = "Bad Slug", title = "x" }), "slug");
        await ProblemAssert.NamesFieldAsync(await _server.Api.PostAsJsonAsync("/api/status-pages", new { slug = "-x", title = "x" }), "slug");
        await ProblemAssert.NamesFieldAsync(await _server.Api.PostAsJsonAsync("/api/status-pages", new { slug = "ok" }), "title");
        await ProblemAssert.NamesFieldAsync(await _server.Api.PostAsJsonAsync("/api/status-pages",
            new { slug = "ok", title = "x", groups = new[] { new { name = "g", checks = new[] { checkId + 99 } } } }), "groups[0].checks");

        var other = await _server.Api.PostAsJsonAsync("/api/status-pages", new { slug = "other", title = "Other" });
        var otherId = (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, (await _server.Api.PutAsJsonAsync($"/api/status-pages/{otherId}", new { slug = "acme", title = "Other" })).StatusCode);
        var replaced = await _server.Api.PutAsJsonAsync($"/api/status-pages/{id}", new { slug = "acme", title = "Acme Inc", @public = false });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var read = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/status-pages/{id}");
        Assert.Equal(("Acme Inc", false, 0), (read.GetProperty("title").GetString(), read.GetProperty("public").GetBoolean(), read.GetProperty("groups").GetArrayLength()));
        Assert.Equal(["acme", "other"], (await _server.Api.GetFromJsonAsync<JsonElement>("/api/status-pages")).EnumerateArray().Select(p => p.GetProperty("slug").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, (await _server.Api.DeleteAsync($"/api/status-pages/{otherId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Api.GetAsync($"/api/status-pages/{otherId}")).StatusCode);

        var audit = await _server.Api.GetFromJsonAsync<JsonElement>("/api/audit");
        var kinds = audit.EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "status page").Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("created", kinds);
        Assert.Contains("deleted", kinds);
    }

    [Fact]
    public async Task A_public_status_page_is_served_without_sign_in_and_shows_no_target_address_or_agent_and_a_private_one_is_404()
    {
        var credential = await _server.EnrollAsync("secret-agent-name");
        var checkId = await _server.CreateCheckAsync(new { name = "Public website", kind = "tcp", target = "hidden-host.internal:8443", intervalSeconds = 60 });
        await using var agent = await _server.ConnectAgentAsync(credential);
        var now = DateTimeOffset.UtcNow;
        await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), new[]
        {
            TestData.Result(checkId, now.AddMinutes(-2), Statuses.Down, Verdicts.Timeout,
                new AttemptResult { Family = "ipv4", Address = "198.51.100.77", Status = "down", Verdict = "timeout", Error = "timed out" }),
            TestData.Result(checkId, now.AddMinutes(-1), Statuses.Up, Verdicts.Ok,
                new AttemptResult { Family = "ipv4", Address = "198.51.100.77", Status = "up", Verdict = "ok", Phases = new() { ["total"] = 3 } }),
        }).OrTimeout();
        await _server.Api.PostAsJsonAsync("/api/status-pages", new
        {
            slug = "public", title = "Our status", groups = new[] { new { name = "Sites", checks = new[] { checkId } } },
            notices = new[] { new { title = "Upgrade", body = "We **upgraded**. <script>alert(1)</script> [x](javascript:alert(1))" } },
        });
        await _server.Api.PostAsJsonAsync("/api/status-pages", new { slug = "private", title = "Internal", @public = false });

        using var anonymous = _server.NewBrowser();
        var response = await anonymous.GetAsync("/status/public");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Public website", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"up\"", html, StringComparison.Ordinal);
        Assert.Contains("<strong>upgraded</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("_blazor", html, StringComparison.Ordinal);
        foreach (var secret in new[] { "hidden-host", "8443", "198.51.100.77", "secret-agent-name", "timed out" })
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        Assert.Equal(90, html.Split("data-date=", StringSplitOptions.None).Length - 1);

        using var anonymousApi = _server.NewClient(null);
        var summaryResponse = await anonymousApi.GetAsync("/api/status-pages/public/summary");
        Assert.Equal(HttpStatusCode.OK, summaryResponse.StatusCode);
        var text = await summaryResponse.Content.ReadAsStringAsync();
        foreach (var secret in new[] { "hidden-host", "8443", "198.51.100.77", "secret-agent-name", "timed out", "agents" })
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        var summary = JsonDocument.Parse(text).RootElement;
        var check = summary.GetProperty("groups")[0].GetProperty("checks")[0];
        Assert.Equal(("Public website", "up", 0.5), (check.GetProperty("name").GetString(), check.GetProperty("status").GetString(),
            check.GetProperty("uptime").GetProperty("24h").GetDouble()));
        Assert.Equal(90, check.GetProperty("daily").GetArrayLength());
        Assert.Equal(0.5, check.GetProperty("daily")[89].GetProperty("uptime").GetDouble());

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/status/private")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymousApi.GetAsync("/api/status-pages/private/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/status/nothing-here")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.Api.GetAsync("/api/status-pages/private/summary")).StatusCode);
        using var signedIn = await _server.SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/status/private")).StatusCode);
    }
}
