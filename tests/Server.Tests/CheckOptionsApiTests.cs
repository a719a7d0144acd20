using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Linkwatch.Server.Platform.Store;
using Linkwatch.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Server.Tests;

/// <summary>The http kind's options through /api/checks: validated as the agent reads them, secrets write-only.</summary>
public sealed class CheckOptionsApiTests : IAsyncLifetime
{
    private const string Bearer = "bearer-secret-0123456789";
    private const string Password = "basic-password-9876543210";
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static StringContent Body(string options) => new(
        $$"""{"name":"api","kind":"http","target":"https://api.example.test/health","intervalSeconds":30,"options":{{options}}}""",
        Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("""{"expectJson":["status == up","status"]}""", "options.expectJson[1]")]
    [InlineData("""{"expectJson":"status == up"}""", "options.expectJson")]
    [InlineData("""{"expectStatus":"200-abc"}""", "options.expectStatus")]
    [InlineData("""{"expectStatus":700}""", "options.expectStatus")]
    [InlineData("""{"expectBodyRegex":"(["}""", "options.expectBodyRegex")]
    [InlineData("""{"rejectBody":""}""", "options.rejectBody")]
    [InlineData("""{"method":"GET /"}""", "options.method")]
    [InlineData("""{"headers":{"X-A":"a\nb"}}""", "options.headers.X-A")]
    [InlineData("""{"headers":"X-A: 1"}""", "options.headers")]
    [InlineData("""{"basicAuth":"no-colon"}""", "options.basicAuth")]
    [InlineData("""{"bearer":17}""", "options.bearer")]
    [InlineData("""{"followRedirects":"yes"}""", "options.followRedirects")]
    [InlineData("""{"maxLatencyMs":-5}""", "options.maxLatencyMs")]
    [InlineData("""{"proxy":"not a url"}""", "options.proxy")]
    [InlineData("""{"expiryWarningDays":5000}""", "options.expiryWarningDays")]
    public async Task A_bad_http_option_is_400_naming_it(string options, string field)
    {
        using var response = await _server.Api.PostAsync("/api/checks", Body(options));
        await ProblemAssert.NamesFieldAsync(response, field);
    }

    [Fact]
    public async Task Max_latency_and_proxy_are_taken_by_the_kinds_they_apply_to_only()
    {
        using (var tcp = await _server.Api.PostAsJsonAsync("/api/checks",
                   new { name = "t", kind = "tcp", target = "db.lan:5432", intervalSeconds = 30, options = new { maxLatencyMs = 200 } }))
            Assert.Equal(HttpStatusCode.Created, tcp.StatusCode);
        using (var ws = await _server.Api.PostAsJsonAsync("/api/checks",
                   new { name = "w", kind = "websocket", target = "wss://ws.lan/ws", intervalSeconds = 30, options = new { proxy = "http://proxy.lan:3128", maxLatencyMs = 500 } }))
            Assert.Equal(HttpStatusCode.Created, ws.StatusCode);
        using (var dns = await _server.Api.PostAsJsonAsync("/api/checks",
                   new { name = "d", kind = "dns", target = "example.test", intervalSeconds = 30, options = new { maxLatencyMs = 200 } }))
            await ProblemAssert.NamesFieldAsync(dns, "options.maxLatencyMs");
        using var tcpProxy = await _server.Api.PostAsJsonAsync("/api/checks",
            new { name = "p", kind = "tcp", target = "db.lan:5432", intervalSeconds = 30, options = new { proxy = "http://proxy.lan:3128" } });
        await ProblemAssert.NamesFieldAsync(tcpProxy, "options.proxy");
    }

    [Fact]
    public async Task Every_http_option_is_accepted_and_read_back_except_the_secrets()
    {
        using var created = await _server.Api.PostAsync("/api/checks", Body($$"""
            {"method":"POST","headers":{"X-Tenant":"blue","Content-Type":"application/json"},"body":"{\"q\":1}",
             "bearer":"{{Bearer}}","followRedirects":false,"expectStatus":"200-299,301","expectBody":"ok","expectBodyRegex":"^o",
             "rejectBody":"error","expectJson":["status == up","len(items) > 0"],"maxLatencyMs":800,"proxy":"http://proxy.lan:3128",
             "expiryWarningDays":21}
            """));
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        Assert.DoesNotContain(Bearer, text);
        var check = JsonDocument.Parse(text).RootElement;
        var options = check.GetProperty("options");
        Assert.Equal("POST", options.GetProperty("method").GetString());
        Assert.Equal("blue", options.GetProperty("headers").GetProperty("X-Tenant").GetString());
        Assert.Equal("200-299,301", options.GetProperty("expectStatus").GetString());
        Assert.Equal(2, options.GetProperty("expectJson").GetArrayLength());
        Assert.Equal(800, options.GetProperty("maxLatencyMs").GetInt32());
        Assert.False(options.TryGetProperty("bearer", out _));

        var id = check.GetProperty("id").GetInt64();
        Assert.DoesNotContain(Bearer, await _server.Api.GetStringAsync($"/api/checks/{id}"));
        Assert.DoesNotContain(Bearer, await _server.Api.GetStringAsync("/api/checks"));
        Assert.Equal(Bearer, (await StoredOptionsAsync(id)).GetProperty("bearer").GetString());
    }

    [Fact]
    public async Task A_replace_without_the_secret_keeps_it_and_a_new_secret_replaces_the_old()
    {
        var id = await _server.CreateCheckAsync(new
        {
            name = "api", kind = "http", target = "https://api.example.test/", intervalSeconds = 30,
            options = new { basicAuth = $"monitor:{Password}", expectBody = "ok" },
        });

        // What a client that read the check sends back: everything GET showed, no secret.
        using (var put = await _server.Api.PutAsJsonAsync($"/api/checks/{id}", new
               {
                   name = "api", kind = "http", target = "https://api.example.test/", intervalSeconds = 60,
                   options = new { expectBody = "ok" },
               }))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal($"monitor:{Password}", (await StoredOptionsAsync(id)).GetProperty("basicAuth").GetString());

        using (var put = await _server.Api.PutAsJsonAsync($"/api/checks/{id}", new
               {
                   name = "api", kind = "http", target = "https://api.example.test/", intervalSeconds = 60,
                   options = new { bearer = Bearer },
               }))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var stored = await StoredOptionsAsync(id);
        Assert.Equal(Bearer, stored.GetProperty("bearer").GetString());
        Assert.False(stored.TryGetProperty("basicAuth", out _));

        var audit = await _server.Api.GetStringAsync("/api/audit?limit=50");
        Assert.Contains("\"kind\":\"check\"", audit);
        Assert.DoesNotContain(Password, audit);
        Assert.DoesNotContain(Bearer, audit);
    }

    private async Task<JsonElement> StoredOptionsAsync(long id)
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
        var check = await db.Checks.AsNoTracking().SingleAsync(c => c.Id == id);
        return JsonDocument.Parse(check.Options!).RootElement.Clone();
    }
}
