using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Linkwatch.Functional.Tests;

/// <summary>Single-use enrollment tokens minted by an admin, spent by <c>POST /api/enroll</c> and by the real agent's <c>enroll</c>.</summary>
public sealed class EnrollmentTokenTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task A_minted_token_enrolls_one_new_name_and_is_spent_by_it()
    {
        using var api = Server.CreateApiClient();
        var minted = await MintAsync(api, new { });
        var token = minted["token"]!.GetValue<string>();
        Assert.StartsWith("lwe_", token);
        Assert.Null(minted["name"]?.GetValue<string>());
        var expiresAt = DateTimeOffset.Parse(minted["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.EndsWith("Z", minted["expiresAt"]!.GetValue<string>());
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));

        using var first = await EnrollAsync(token, new { name = "token-new-1", labels = new { site = "lab" } });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var credential = (await first.Content.ReadFromJsonAsync<JsonObject>())!["credential"]!.GetValue<string>();
        Assert.StartsWith("lwa_", credential);
        using var second = await EnrollAsync(token, new { name = "token-new-2" });
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);

        var listed = (await Api.GetArrayAsync(api, "/api/enrollment-tokens")).Single(t => t!["id"]!.GetValue<long>() == minted["id"]!.GetValue<long>())!;
        Assert.Null(listed["token"]);
        Assert.False(listed["usable"]!.GetValue<bool>());
        Assert.Equal("token-new-1", listed["usedBy"]!.GetValue<string>());
        Assert.EndsWith("Z", listed["usedAt"]!.GetValue<string>());
        Assert.EndsWith("Z", listed["createdAt"]!.GetValue<string>());
        var agents = await Api.GetArrayAsync(api, "/api/agents");
        var agent = agents.Single(a => a!["name"]!.GetValue<string>() == "token-new-1")!;
        Assert.Equal("lab", agent["labels"]!["site"]!.GetValue<string>());
        Assert.DoesNotContain(agents, a => a!["name"]!.GetValue<string>() == "token-new-2");
    }

    [Fact]
    public async Task An_unnamed_token_refuses_an_existing_name_with_409_naming_name_and_stays_unspent()
    {
        using var api = Server.CreateApiClient();
        using (var shared = await EnrollAsync(ServerProcess.EnrollmentToken, new { name = "token-taken" }))
            Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        var token = (await MintAsync(api, new { }))["token"]!.GetValue<string>();

        using var taken = await EnrollAsync(token, new { name = "token-taken" });

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var problem = await taken.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotNull(problem!["errors"]!["name"]);
        using var fresh = await EnrollAsync(token, new { name = "token-untaken" });
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task An_unnamed_token_refuses_a_revoked_name_too()
    {
        using var api = Server.CreateApiClient();
        using (var shared = await EnrollAsync(ServerProcess.EnrollmentToken, new { name = "token-revoked" }))
            Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        using (var revoke = await api.DeleteAsync("/api/agents/token-revoked"))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        var token = (await MintAsync(api, new { }))["token"]!.GetValue<string>();

        using var response = await EnrollAsync(token, new { name = "token-revoked" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["name"]);
    }

    [Fact]
    public async Task A_named_token_re_enrolls_a_revoked_agent_by_id_and_the_agent_connects_again()
    {
        using var api = Server.CreateApiClient();
        var data = fixture.Temp("phoenix");
        await AgentProcess.EnrollAsync(Server.BaseUrl, "phoenix", data);
        var id = (await Api.GetArrayAsync(api, "/api/agents")).Single(a => a!["name"]!.GetValue<string>() == "phoenix")!["id"]!.GetValue<long>();
        await using (var agent = AgentProcess.Run(data))
        {
            await WaitOnlineAsync(api, "phoenix", true);
            using var revoke = await api.DeleteAsync($"/api/agents/by-id/{id}");
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
            await WaitOnlineAsync(api, "phoenix", false);
            Assert.True(Agent(await Api.GetArrayAsync(api, "/api/agents"), "phoenix")["revoked"]!.GetValue<bool>());
        }
        var token = (await MintAsync(api, new { name = "phoenix" }))["token"]!.GetValue<string>();

        // Another name than the token's is refused and leaves the token unspent.
        using (var other = await EnrollAsync(token, new { name = "not-phoenix" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
            Assert.NotNull((await other.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["name"]);
        }
        await AgentProcess.EnrollAsync(Server.BaseUrl, "phoenix", data, token);
        await using var again = AgentProcess.Run(data);

        await WaitOnlineAsync(api, "phoenix", true);
        var phoenix = Agent(await Api.GetArrayAsync(api, "/api/agents"), "phoenix");
        Assert.False(phoenix["revoked"]!.GetValue<bool>());
        Assert.Equal(id, phoenix["id"]!.GetValue<long>());
        using var reuse = await EnrollAsync(token, new { name = "phoenix" });
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
    }

    [Fact]
    public async Task A_named_token_enrolls_its_name_when_the_body_has_none()
    {
        using var api = Server.CreateApiClient();
        var token = (await MintAsync(api, new { name = "token-named-only" }))["token"]!.GetValue<string>();

        using var response = await EnrollAsync(token, new { version = "9.9.9" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("token-named-only", (await response.Content.ReadFromJsonAsync<JsonObject>())!["name"]!.GetValue<string>());
        using var shared = await EnrollAsync(ServerProcess.EnrollmentToken, new { version = "9.9.9" });
        await AssertNamesFieldAsync(shared, HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task Two_concurrent_enrollments_with_one_token_give_exactly_one_agent()
    {
        using var api = Server.CreateApiClient();
        var token = (await MintAsync(api, new { }))["token"]!.GetValue<string>();
        using var start = new SemaphoreSlim(0);

        var attempts = Enumerable.Range(1, 4).Select(async i =>
        {
            await start.WaitAsync(TestTimeouts.Await);
            using var response = await EnrollAsync(token, new { name = $"token-race-{i}" });
            return response.StatusCode;
        }).ToList();
        start.Release(attempts.Count);
        var codes = await Task.WhenAll(attempts).OrTimeout();

        Assert.Single(codes, HttpStatusCode.OK);
        Assert.Equal(attempts.Count - 1, codes.Count(c => c == HttpStatusCode.Unauthorized));
        var racers = (await Api.GetArrayAsync(api, "/api/agents")).Count(a => a!["name"]!.GetValue<string>().StartsWith("token-race-", StringComparison.Ordinal));
        Assert.Equal(1, racers);
    }

    [Fact]
    public async Task A_deleted_token_no_longer_enrolls_and_deleting_it_twice_is_404()
    {
        using var api = Server.CreateApiClient();
        var minted = await MintAsync(api, new { name = "token-deleted" });
        var id = minted["id"]!.GetValue<long>();

        using (var delete = await api.DeleteAsync($"/api/enrollment-tokens/{id}"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var enroll = await EnrollAsync(minted["token"]!.GetValue<string>(), new { name = "token-deleted" });
        using var again = await api.DeleteAsync($"/api/enrollment-tokens/{id}");

        Assert.Equal(HttpStatusCode.Unauthorized, enroll.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.DoesNotContain(await Api.GetArrayAsync(api, "/api/enrollment-tokens"), t => t!["id"]!.GetValue<long>() == id);
    }

    [Fact]
    public async Task Tokens_are_listed_newest_first_and_the_api_key_cannot_enroll()
    {
        using var api = Server.CreateApiClient();
        var older = (await MintAsync(api, new { name = "token-order-a" }))["id"]!.GetValue<long>();
        var newer = (await MintAsync(api, new { name = "token-order-b", expiresInMinutes = 5 }))["id"]!.GetValue<long>();

        var ids = (await Api.GetArrayAsync(api, "/api/enrollment-tokens")).Select(t => t!["id"]!.GetValue<long>()).ToList();
        using var withKey = await EnrollAsync(ServerProcess.ApiKey, new { name = "token-order-a" });

        Assert.True(ids.IndexOf(newer) < ids.IndexOf(older), string.Join(",", ids));
        Assert.Equal(HttpStatusCode.Forbidden, withKey.StatusCode);
    }

    private async Task<HttpResponseMessage> EnrollAsync(string token, object body)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.PostAsJsonAsync("/api/enroll", body);
    }

    private static async Task<JsonObject> MintAsync(HttpClient api, object body)
    {
        using var response = await api.PostAsJsonAsync("/api/enrollment-tokens", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/enrollment-tokens: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static JsonNode Agent(JsonArray agents, string name) => agents.Single(a => a!["name"]!.GetValue<string>() == name)!;

    private static Task WaitOnlineAsync(HttpClient api, string name, bool online) =>
        Api.EventuallyAsync(() => Api.GetArrayAsync(api, "/api/agents"),
            agents => agents.Any(a => a!["name"]!.GetValue<string>() == name && a["online"]!.GetValue<bool>() == online),
            Generous, $"{name} online={online}");

    private static async Task AssertNamesFieldAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.NotNull(JsonNode.Parse(text)!["errors"]![field]);
    }
}
