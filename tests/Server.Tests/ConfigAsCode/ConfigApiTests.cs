using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Linkwatch.Server.Platform.Store;
using Linkwatch.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Server.Tests.ConfigAsCode;

public sealed class ConfigApiTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private readonly bool _own = true;

    public ConfigApiTests()
    {
    }

    /// <summary>The same scenarios on a server of the caller's (the PostgreSQL store's tests).</summary>
    internal ConfigApiTests(TestServer server) => (_server, _own) = (server, false);

    public async Task InitializeAsync()
    {
        if (_own)
            _server = await TestServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_own)
            await _server.DisposeAsync();
    }

    private async Task SeedAsync()
    {
        Created(await _server.Api.PostAsJsonAsync("/api/channels",
            new { name = "ops", type = "webhook", settings = new { url = "http://127.0.0.1:9/hook", secret = "hook-secret-0123456789" } }));
        var web = await _server.CreateCheckAsync(new
        {
            name = "web", kind = "http", target = "https://example.test/health", intervalSeconds = 30, timeoutSeconds = 10,
            options = new { expectStatus = "200-299", bearer = "token-never-exported" }, labels = new { site = "berlin" }, agents = new[] { "a1" },
        });
        var db = await _server.CreateCheckAsync(new { name = "db", kind = "tcp", target = "db.test:5432", intervalSeconds = 60, dependsOn = new[] { web } });
        await _server.CreateCheckAsync(new { name = "nightly backup", kind = "push", intervalSeconds = 86400, options = new { graceSeconds = 600 } });
        Created(await _server.Api.PostAsJsonAsync("/api/alert-rules", new { name = "web down", checkId = web, channels = new[] { "ops" } }));
        Created(await _server.Api.PostAsJsonAsync("/api/alert-rules",
            new { name = "berlin", labels = new { site = "berlin" }, openAfterFailures = 5, verdicts = new[] { "timeout" }, channels = new[] { "ops" } }));
        Created(await _server.Api.PostAsJsonAsync("/api/status-pages", new
        {
            slug = "public", title = "Example status", description = "Our services",
            groups = new[] { new { name = "Web", checks = new[] { web, db } } },
            notices = new[] { new { title = "Maintenance", body = "Saturday **night**", at = "2026-12-01T10:00:00.000Z" } },
        }));
    }

    private static void Created(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {response.Content.ReadAsStringAsync().Result}");

    private async Task<string> ExportAsync()
    {
        var response = await _server.Api.GetAsync("/api/config");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string yaml, bool dryRun) =>
        _server.Api.PostAsync("/api/config" + (dryRun ? "?dryRun=true" : ""), new StringContent(yaml, Encoding.UTF8, "application/yaml"));

    private static async Task<List<(string Op, string Kind, string Name, string[] Fields)>> ChangesAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("changes").EnumerateArray().Select(c => (
            c.GetProperty("op").GetString()!, c.GetProperty("kind").GetString()!, c.GetProperty("name").GetString()!,
            c.GetProperty("fields").EnumerateArray().Select(f => f.GetString()!).ToArray()))];
    }

    private async Task<string> StateAsync()
    {
        var parts = new List<string>();
        foreach (var path in new[] { "/api/checks", "/api/alert-rules", "/api/channels", "/api/status-pages" })
            parts.Add(await _server.Api.GetStringAsync(path));
        return string.Join("\n", parts);
    }

    [Fact]
    public async Task Export_then_import_round_trips_without_a_change()
    {
        await SeedAsync();
        var yaml = await ExportAsync();
        Assert.Contains("checks:", yaml);
        Assert.Contains("check: web", yaml);
        Assert.Contains("dependsOn: [web]", yaml);
        Assert.DoesNotContain("token-never-exported", yaml);
        Assert.DoesNotContain("hook-secret-0123456789", yaml);
        var before = await StateAsync();

        Assert.Empty(await ChangesAsync(await PostAsync(yaml, dryRun: true)));
        Assert.Empty(await ChangesAsync(await PostAsync(yaml, dryRun: false)));

        Assert.Equal(before, await StateAsync());
        Assert.Equal(yaml, await ExportAsync());
    }

    [Fact]
    public async Task Strings_that_read_as_numbers_booleans_or_null_keep_their_type_through_export_and_import()
    {
        await _server.CreateCheckAsync(new
        {
            name = "2024", kind = "http", target = "https://example.test/", intervalSeconds = 30,
            options = new { expectStatus = "200" }, labels = new Dictionary<string, string> { ["rack"] = "1", ["on"] = "true", ["none"] = "null", ["dot"] = ".5", ["exp"] = "1e999" },
        });
        var yaml = await ExportAsync();

        Assert.Contains("name: \"2024\"", yaml);
        Assert.Empty(await ChangesAsync(await PostAsync(yaml, dryRun: true)));
    }

    [Fact]
    public async Task Environment_references_outside_secret_fields_are_plain_text()
    {
        var variable = "LINKWATCH_TEST_TARGET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "leaked.example");
        try
        {
            var yaml = $"checks:\n  - {{name: x, kind: http, target: 'https://h.test/?k=${{{variable}}}', intervalSeconds: 30}}\n";
            Assert.Single(await ChangesAsync(await PostAsync(yaml, dryRun: false)));
            var check = (await _server.Api.GetFromJsonAsync<JsonElement>("/api/checks"))[0];
            Assert.DoesNotContain("leaked.example", check.GetProperty("target").GetString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task A_typo_is_refused_with_its_path_and_changes_nothing()
    {
        await SeedAsync();
        var before = await StateAsync();
        var yaml = (await ExportAsync()).Replace("  intervalSeconds: 60", "  intervalSecond: 60", StringComparison.Ordinal);

        var response = await PostAsync(yaml, dryRun: false);

        await ProblemAssert.NamesFieldAsync(response, "checks[1].intervalSecond");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("did you mean 'intervalSeconds'", problem.GetProperty("errors").GetProperty("checks[1].intervalSecond")[0].GetString());
        Assert.Equal(before, await StateAsync());
    }

    [Theory]
    [InlineData("checks:\n  - name: x\n    kind: tcp\n    target: h:1\n    intervalSeconds: 0\n", "checks[0].intervalSeconds")]
    [InlineData("checks:\n  - name: x\n    kind: tcp\n    target: h:1\n    intervalSeconds: often\n", "checks[0].intervalSeconds")]
    [InlineData("checks:\n  - name: x\n    kind: tcpp\n    target: h:1\n    intervalSeconds: 5\n", "checks[0].kind")]
    [InlineData("checks:\n  - {name: x, kind: tcp, target: 'h:1', intervalSeconds: 5}\n  - {name: x, kind: tcp, target: 'h:2', intervalSeconds: 5}\n", "checks[1].name")]
    [InlineData("alertRules:\n  - name: r\n    check: nowhere\n    channels: [ops]\n", "alertRules[0].check")]
    [InlineData("alertRules:\n  - name: r\n    labels: {a: b}\n    channels: [nowhere]\n", "alertRules[0].channels")]
    [InlineData("statusPages:\n  - slug: p\n    title: P\n    groups:\n      - name: g\n        check: [web]\n", "statusPages[0].groups[0].check")]
    [InlineData("channels:\n  - name: c\n    type: webhook\n    settings: {url: 'http://127.0.0.1:9/', secret: literal-secret-value}\n", "channels[0].settings.secret")]
    [InlineData("channels:\n  - name: c\n    type: webhook\n    settings: {url: 'http://127.0.0.1:9/', secret: '${HOME}'}\n", "channels[0].settings.secret")]
    [InlineData("channels:\n  - name: c\n    type: webhook\n    settings: {url: 'http://127.0.0.1:9/', secret: '${LINKWATCH_SURELY_UNSET_7f3a}'}\n", "channels[0].settings.secret")]
    [InlineData("checks:\n  - {name: x, kind: tcp, target: 'h:1', intervalSeconds: 5, timeoutSeconds: 1e999}\n", "checks[0].timeoutSeconds")]
    [InlineData("channels: []\n", "channels")]
    [InlineData("checks:\n  - {name: db, kind: tcp, target: 'db.test:5432', intervalSeconds: 60}\n", "checks")]
    [InlineData("checks:\n  - {name: a, kind: tcp, target: 'h:1', intervalSeconds: 5, dependsOn: [b]}\n  - {name: b, kind: tcp, target: 'h:1', intervalSeconds: 5, dependsOn: [a]}\n", "checks[1].dependsOn")]
    [InlineData("checkz: []\n", "checkz")]
    [InlineData("checks: [\n", "yaml")]
    [InlineData("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n", "yaml")]
    public async Task A_bad_file_is_a_problem_naming_the_path_and_changes_nothing(string yaml, string path)
    {
        await SeedAsync();
        var before = await StateAsync();

        await ProblemAssert.NamesFieldAsync(await PostAsync(yaml, dryRun: false), path);

        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task The_dry_run_lists_creates_updates_and_deletes_and_changes_nothing_then_apply_makes_it_so()
    {
        await SeedAsync();
        var before = await StateAsync();
        var yaml = """
            checks:
              - name: web
                kind: http
                target: https://example.test/health
                intervalSeconds: 15
                timeoutSeconds: 10
                options: {expectStatus: 200-299}
                labels: {site: berlin}
                agents: [a1]
              - name: api
                kind: tcp
                target: api.test:443
                intervalSeconds: 20
                dependsOn: [web]
              - name: nightly backup
                kind: push
                intervalSeconds: 86400
                options: {graceSeconds: 600}
            """;

        var planned = await ChangesAsync(await PostAsync(yaml, dryRun: true));

        Assert.Equal(before, await StateAsync());
        Assert.Contains(planned, c => c is { Op: "update", Kind: "check", Name: "web" } && c.Fields.SequenceEqual(["intervalSeconds"]));
        Assert.Contains(planned, c => c is { Op: "create", Kind: "check", Name: "api" } && c.Fields.Contains("dependsOn"));
        Assert.Contains(planned, c => c is { Op: "delete", Kind: "check", Name: "db" });
        Assert.DoesNotContain(planned, c => c.Name == "nightly backup");
        Assert.Equal(3, planned.Count);

        var applied = await ChangesAsync(await PostAsync(yaml, dryRun: false));
        Assert.Equal(planned.Select(c => (c.Op, c.Kind, c.Name)), applied.Select(c => (c.Op, c.Kind, c.Name)));

        var checks = await _server.Api.GetFromJsonAsync<JsonElement>("/api/checks");
        Assert.Equal(["web", "nightly backup", "api"], checks.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        var web = checks.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "web");
        var api = checks.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "api");
        Assert.Equal(15, web.GetProperty("intervalSeconds").GetInt32());
        Assert.Equal(web.GetProperty("id").GetInt64(), api.GetProperty("dependsOn")[0].GetInt64());
        // Unlisted kinds are left alone: the rules and the status page are still there.
        Assert.Equal(2, (await _server.Api.GetFromJsonAsync<JsonElement>("/api/alert-rules")).GetArrayLength());
        // The omitted secret kept its stored value.
        var stored = await _server.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope()
            .ServiceProvider.GetRequiredService<LinkwatchDbContext>().Checks.SingleAsync(c => c.Name == "web");
        Assert.Contains("token-never-exported", stored.Options);

        Assert.Empty(await ChangesAsync(await PostAsync(await ExportAsync(), dryRun: true)));
    }

    [Fact]
    public async Task Objects_refer_to_each_other_by_name_in_one_file_and_secrets_come_from_the_environment()
    {
        var variable = "LINKWATCH_TEST_HOOK_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "env-secret-0123456789");
        try
        {
            var yaml = $$"""
                channels:
                  - name: hooks
                    type: webhook
                    settings: {url: "http://127.0.0.1:9/hook", secret: "${{{variable}}}"}
                checks:
                  - {name: gateway, kind: tcp, target: "gw.test:443", intervalSeconds: 10}
                alertRules:
                  - {name: gateway down, check: gateway, openAfterFailures: 2, channels: [hooks]}
                statusPages:
                  - slug: edge
                    title: Edge
                    groups: [{name: Gateways, checks: [gateway]}]
                """;

            var changes = await ChangesAsync(await PostAsync(yaml, dryRun: false));

            Assert.Equal(["create channel hooks", "create check gateway", "create alertRule gateway down", "create statusPage edge"],
                changes.Select(c => $"{c.Op} {c.Kind} {c.Name}"));
            var check = (await _server.Api.GetFromJsonAsync<JsonElement>("/api/checks"))[0];
            var rule = (await _server.Api.GetFromJsonAsync<JsonElement>("/api/alert-rules"))[0];
            Assert.Equal(check.GetProperty("id").GetInt64(), rule.GetProperty("checkId").GetInt64());
            var page = (await _server.Api.GetFromJsonAsync<JsonElement>("/api/status-pages"))[0];
            Assert.Equal(check.GetProperty("id").GetInt64(), page.GetProperty("groups")[0].GetProperty("checks")[0].GetInt64());
            await using var scope = _server.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var channel = await scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>().Channels.SingleAsync();
            var settings = scope.ServiceProvider.GetRequiredService<Linkwatch.Server.Notifications.ChannelSettingsProtection>().Reveal(channel.Settings);
            Assert.Contains("env-secret-0123456789", settings);
            Assert.DoesNotContain("env-secret", await ExportAsync());
            // The same file again: nothing to do, the secret included.
            Assert.Empty(await ChangesAsync(await PostAsync(yaml, dryRun: true)));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task The_example_in_docs_config_md_applies_and_then_round_trips()
    {
        var doc = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "docs", "config.md"));
        var start = doc.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var yaml = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        string[] variables = ["LINKWATCH_WEB_TOKEN", "LINKWATCH_OPS_HOOK_SECRET"];
        foreach (var variable in variables)
            Environment.SetEnvironmentVariable(variable, "doc-example-secret-0123456789");
        try
        {
            var changes = await ChangesAsync(await PostAsync(yaml, dryRun: false));
            Assert.Equal(7, changes.Count);
            Assert.All(changes, c => Assert.Equal("create", c.Op));
            Assert.Empty(await ChangesAsync(await PostAsync(yaml, dryRun: true)));
            Assert.Empty(await ChangesAsync(await PostAsync(await ExportAsync(), dryRun: true)));
        }
        finally
        {
            foreach (var variable in variables)
                Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Viewers_can_neither_export_nor_apply()
    {
        using var user = await _server.Api.PostAsJsonAsync("/api/users", new { email = "viewer@test.local", password = "viewer-password-0123", role = "viewer" });
        Created(user);
        var userId = (await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var keyResponse = await _server.Api.PostAsJsonAsync("/api/api-keys", new { name = "v", userId });
        Created(keyResponse);
        using var viewer = _server.NewClient((await keyResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/config")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/config?dryRun=true", new StringContent("checks: []"))).StatusCode);
    }
}
