using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Linkwatch.Server.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Server.Tests.Accounts;

/// <summary>People, their API keys and the audit log, through the API on the real server.</summary>
public sealed class UsersAndKeysTests
{
    private const string Password = "a-long-enough-password";

    [Fact]
    public async Task A_viewers_key_gets_403_on_every_change_endpoint_and_200_on_every_read()
    {
        await using var server = await TestServer.StartAsync();
        var checkId = await CreateCheckAsync(server.Api, "read me");
        using var viewer = server.NewClient(await KeyForNewUserAsync(server, "viewer@test.local", "viewer"));

        // Every mapped /api endpoint, so one added later is covered without a line here.
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Path: e.RoutePattern.RawText!.TrimEnd('/'))))
            .Distinct().ToList();
        Assert.True(endpoints.Count > 30, $"only {endpoints.Count} endpoints found");
        // A person manages their own keys whatever their role; people, the audit log and enrollment are for admins.
        string[] ownKeys = ["POST /api/api-keys", "DELETE /api/api-keys/{id:long}"];
        string[] adminReads = ["/api/users", "/api/users/{id}", "/api/audit", "/api/enrollment-tokens"];
        // The config export is for those who may apply it: it shows every target and setting in one file.
        string[] editorReads = ["/api/config"];
        // A push check's job reports without any key: its token is in the path.
        string[] anonymous = ["POST /api/push/{token}"];
        var wrong = new List<string>();
        foreach (var (method, path) in endpoints)
        {
            var url = Fill(path, checkId);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method != "GET")
                request.Content = JsonContent.Create(new { name = "x" });
            using var response = await viewer.SendAsync(request);
            var status = (int)response.StatusCode;
            var expected = method == "GET"
                ? adminReads.Contains(path) || editorReads.Contains(path) ? "403" : "200 or 404"
                : ownKeys.Contains($"{method} {path}") || anonymous.Contains($"{method} {path}") ? "not 403" : "403";
            var ok = expected switch
            {
                "403" => status == 403,
                "200 or 404" => status is 200 or 404,
                _ => status != 403 && status < 500,
            };
            if (!ok)
                wrong.Add($"{method} {url}: {status}, expected {expected}");
        }
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public async Task A_key_acts_with_its_persons_current_role_and_stops_when_they_are_disabled_or_deleted()
    {
        await using var server = await TestServer.StartAsync();
        var (userId, key) = await NewUserWithKeyAsync(server, "person@test.local", "viewer");
        using var person = server.NewClient(key);

        using (var refused = await person.PostAsJsonAsync("/api/checks", Check("as viewer")))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await PutUserAsync(server, userId, new { email = "person@test.local", role = "editor", disabled = false });
        using (var allowed = await person.PostAsJsonAsync("/api/checks", Check("as editor")))
            Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);

        await PutUserAsync(server, userId, new { email = "person@test.local", role = "editor", disabled = true });
        using (var disabled = await person.GetAsync("/api/checks"))
            Assert.Equal(HttpStatusCode.Unauthorized, disabled.StatusCode);
        await PutUserAsync(server, userId, new { email = "person@test.local", role = "editor", disabled = false });
        using (var enabled = await person.GetAsync("/api/checks"))
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);

        using (var deleted = await server.Api.DeleteAsync($"/api/users/{userId}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using (var gone = await person.GetAsync("/api/checks"))
            Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
        Assert.DoesNotContain(await Api.GetArrayAsync(server.Api, "/api/api-keys"), k => k!["userId"]!.GetValue<string>() == userId);
    }

    [Fact]
    public async Task Keys_are_shown_once_listed_without_the_key_and_revocable_one_by_one()
    {
        await using var server = await TestServer.StartAsync();
        using (var noOwner = await server.Api.PostAsJsonAsync("/api/api-keys", new { name = "orphan" }))
            await ProblemAssert.NamesFieldAsync(noOwner, "userId");
        var (userId, first) = await NewUserWithKeyAsync(server, "ops@test.local", "editor");
        using var ops = server.NewClient(first);
        // Their own second key, made with the first; another person's is not theirs to make.
        var second = await CreateKeyAsync(ops, new { name = "second" });
        var adminId = (await Api.GetArrayAsync(server.Api, "/api/users")).First(u => u!["email"]!.GetValue<string>() == TestServer.AdminEmail)!["id"]!.GetValue<string>();
        using (var foreign = await ops.PostAsJsonAsync("/api/api-keys", new { name = "for the admin", userId = adminId }))
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);

        var listed = await Api.GetArrayAsync(ops, "/api/api-keys");
        Assert.Equal(2, listed.Count);
        Assert.All(listed, k => Assert.Null(k!["key"]));
        var secondId = listed.First(k => k!["name"]!.GetValue<string>() == "second")!["id"]!.GetValue<long>();
        using (var revoked = await ops.DeleteAsync($"/api/api-keys/{secondId}"))
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        using var withSecond = server.NewClient(second);
        using (var refused = await withSecond.GetAsync("/api/checks"))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using (var stillWorks = await ops.GetAsync("/api/checks"))
            Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
        Assert.NotEqual(userId, adminId);
    }

    [Fact]
    public async Task The_last_enabled_admin_cannot_be_demoted_disabled_or_deleted()
    {
        await using var server = await TestServer.StartAsync();
        var admin = (await Api.GetArrayAsync(server.Api, "/api/users")).Single()!;
        var id = admin["id"]!.GetValue<string>();
        using (var demote = await server.Api.PutAsJsonAsync($"/api/users/{id}", new { email = TestServer.AdminEmail, role = "editor", disabled = false }))
        {
            Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
            Assert.NotNull(JsonNode.Parse(await demote.Content.ReadAsStringAsync())!["errors"]!["role"]);
        }
        using (var disable = await server.Api.PutAsJsonAsync($"/api/users/{id}", new { email = TestServer.AdminEmail, role = "admin", disabled = true }))
            Assert.Equal(HttpStatusCode.Conflict, disable.StatusCode);
        using (var delete = await server.Api.DeleteAsync($"/api/users/{id}"))
            Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);

        // With a second admin, the first may step down.
        await NewUserWithKeyAsync(server, "second-admin@test.local", "admin");
        await PutUserAsync(server, id, new { email = TestServer.AdminEmail, role = "editor", disabled = false });
        using (var duplicate = await server.Api.PostAsJsonAsync("/api/users", new { email = "second-admin@test.local", password = Password, role = "viewer" }))
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        using (var shortPassword = await server.Api.PostAsJsonAsync("/api/users", new { email = "x@test.local", password = "short", role = "viewer" }))
            await ProblemAssert.NamesFieldAsync(shortPassword, "password");
        using (var badRole = await server.Api.PostAsJsonAsync("/api/users", new { email = "x@test.local", password = Password, role = "root" }))
            await ProblemAssert.NamesFieldAsync(badRole, "role");
    }

    [Fact]
    public async Task The_audit_log_names_who_changed_what_and_never_a_secret()
    {
        await using var server = await TestServer.StartAsync();
        var (_, key) = await NewUserWithKeyAsync(server, "editor@test.local", "editor");
        using var editor = server.NewClient(key);
        var checkId = await CreateCheckAsync(editor, "audited");
        using (var put = await editor.PutAsJsonAsync($"/api/checks/{checkId}", new { name = "audited", kind = "tcp", target = "127.0.0.1:9", intervalSeconds = 20 }))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using (var channel = await editor.PostAsJsonAsync("/api/channels", new { name = "hook", type = "webhook", settings = new { url = "http://127.0.0.1:9/h", secret = "do-not-log-this-secret" } }))
            Assert.Equal(HttpStatusCode.Created, channel.StatusCode);
        var channelId = (await Api.GetArrayAsync(editor, "/api/channels")).Single()!["id"]!.GetValue<long>();
        using (var put = await editor.PutAsJsonAsync($"/api/channels/{channelId}", new { name = "hook", type = "webhook", settings = new { url = "http://127.0.0.1:9/h", secret = "another-secret-value" } }))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using (var deleted = await server.Api.DeleteAsync($"/api/checks/{checkId}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var audit = await Api.GetArrayAsync(server.Api, "/api/audit?limit=50");
        var ofCheck = audit.Where(e => e!["kind"]!.GetValue<string>() == "check" && e["objectId"]!.GetValue<string>() == checkId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(["deleted", "updated", "created"], ofCheck.Select(e => e!["action"]!.GetValue<string>()));
        Assert.Equal(["bootstrap key", "editor@test.local", "editor@test.local"], ofCheck.Select(e => e!["actor"]!.GetValue<string>()));
        Assert.Contains("intervalSeconds: 10 → 20", ofCheck[1]!["summary"]!.GetValue<string>());
        var channelUpdate = audit.First(e => e!["kind"]!.GetValue<string>() == "channel" && e["action"]!.GetValue<string>() == "updated")!;
        Assert.Equal("settings changed", channelUpdate["summary"]!.GetValue<string>());
        Assert.Contains(audit, e => e!["kind"]!.GetValue<string>() == "user" && e["objectName"]!.GetValue<string>() == "editor@test.local");
        var text = audit.ToJsonString();
        Assert.DoesNotContain("do-not-log-this-secret", text);
        Assert.DoesNotContain("another-secret-value", text);
        using var viewerKey = server.NewClient(key);
        using (var refused = await viewerKey.GetAsync("/api/audit"))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static object Check(string name) => new { name, kind = "tcp", target = "127.0.0.1:9", intervalSeconds = 10 };

    private static async Task<long> CreateCheckAsync(HttpClient api, string name) => await api.CreateCheckAsync(Check(name));

    /// <summary>
    /// Route parameters filled: a check's id where a check is meant, elsewhere ids and names nothing has (a change to
    /// the viewer's own key must not revoke the key the test is using). The answer is 200 or 404, never 500.
    /// </summary>
    private static string Fill(string path, long checkId) => System.Text.RegularExpressions.Regex.Replace(path, @"\{(\w+)(:[^}]*)?\}",
        m => m.Groups[2].Value != ":long" ? "nothing-here"
            : path.StartsWith("/api/checks/", StringComparison.Ordinal) ? checkId.ToString(System.Globalization.CultureInfo.InvariantCulture) : "999999");

    private static async Task<string> KeyForNewUserAsync(TestServer server, string email, string role) => (await NewUserWithKeyAsync(server, email, role)).Key;

    private static async Task<(string UserId, string Key)> NewUserWithKeyAsync(TestServer server, string email, string role)
    {
        using var created = await server.Api.PostAsJsonAsync("/api/users", new { email, password = Password, role });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var user = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.Equal(role, user["role"]!.GetValue<string>());
        var id = user["id"]!.GetValue<string>();
        return (id, await CreateKeyAsync(server.Api, new { name = "key of " + email, userId = id }));
    }

    private static async Task<string> CreateKeyAsync(HttpClient api, object body)
    {
        using var response = await api.PostAsJsonAsync("/api/api-keys", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var key = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["key"]!.GetValue<string>();
        Assert.StartsWith("lwk_", key);
        return key;
    }

    private static async Task PutUserAsync(TestServer server, string id, object body)
    {
        using var response = await server.Api.PutAsJsonAsync($"/api/users/{id}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
