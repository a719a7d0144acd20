using Linkwatch.Server.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Server.Tests;

/// <summary>Single-use enrollment tokens where the in-process server helps: a clock the test moves, principals that are not admins.</summary>
public sealed class EnrollmentTokenTests : IAsyncLifetime
{
    private readonly FakeClock _clock = new(DateTimeOffset.UtcNow);
    private TestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestServer.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_token_past_its_expiry_is_refused_with_401_and_listed_as_unusable()
    {
        var (id, token) = await MintAsync(new { expiresInMinutes = 1 });
        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        using var client = _server.NewClient(token);
        var response = await client.PostAsJsonAsync(HubPaths.Enroll, new { name = "too-late" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var listed = (await _server.Api.GetFromJsonAsync<JsonElement>("/api/enrollment-tokens")).EnumerateArray().Single(t => t.GetProperty("id").GetInt64() == id);
        Assert.False(listed.GetProperty("usable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("usedAt").ValueKind);
        var agents = await _server.Api.GetFromJsonAsync<JsonElement>("/api/agents");
        Assert.DoesNotContain(agents.EnumerateArray(), a => a.GetProperty("name").GetString() == "too-late");
    }

    [Fact]
    public async Task A_token_still_within_its_expiry_enrolls()
    {
        var (_, token) = await MintAsync(new { expiresInMinutes = 2 });
        _clock.Advance(TimeSpan.FromMinutes(1));

        using var client = _server.NewClient(token);
        var response = await client.PostAsJsonAsync(HubPaths.Enroll, new { name = "in-time" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Bearers_that_are_not_an_admin_key_get_403_on_the_enrollment_tokens_api()
    {
        // There are no viewer or editor API keys yet; an agent credential and the enrollment tokens are authenticated
        // bearers without the admin role, which is what the policy turns away.
        var credential = await _server.EnrollAsync("not-an-admin");
        var (_, minted) = await MintAsync(new { });
        foreach (var bearer in new[] { credential, TestServer.EnrollToken, minted })
        {
            using var client = _server.NewClient(bearer);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/enrollment-tokens", new { })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/enrollment-tokens")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync("/api/enrollment-tokens/1")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync("/api/agents/by-id/1")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync("/api/agents/not-an-admin/labels", new { labels = new { } })).StatusCode);
        }
        using var anonymous = _server.NewClient(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/enrollment-tokens", new { })).StatusCode);
    }

    [Fact]
    public async Task A_minted_token_opens_neither_the_api_nor_the_agent_hub()
    {
        var (_, token) = await MintAsync(new { });
        using var client = _server.NewClient(token);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/checks")).StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => _server.ConnectAgentAsync(token));
    }

    [Theory]
    [InlineData("{\"expiresInMinutes\":0}", "expiresInMinutes")]
    [InlineData("{\"expiresInMinutes\":10081}", "expiresInMinutes")]
    [InlineData("{\"name\":\"has space\"}", "name")]
    [InlineData("{\"name\":\"\"}", "name")]
    public async Task Minting_with_a_bad_field_is_a_400_naming_it(string body, string field)
    {
        var response = await _server.Api.PostAsync("/api/enrollment-tokens", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.NamesFieldAsync(response, field);
    }

    [Fact]
    public async Task Minting_defaults_to_an_hour_and_allows_a_week()
    {
        var hour = await _server.Api.PostAsJsonAsync("/api/enrollment-tokens", new { });
        var week = await _server.Api.PostAsJsonAsync("/api/enrollment-tokens", new { name = "edge-7", expiresInMinutes = 10080 });

        Assert.Equal(HttpStatusCode.Created, hour.StatusCode);
        Assert.Equal(HttpStatusCode.Created, week.StatusCode);
        var h = await hour.Content.ReadFromJsonAsync<JsonElement>();
        var w = await week.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(_clock.Now.AddHours(1).ToUnixTimeMilliseconds(), h.GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal(_clock.Now.AddDays(7).ToUnixTimeMilliseconds(), w.GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal("edge-7", w.GetProperty("name").GetString());
        Assert.Equal($"/api/enrollment-tokens/{w.GetProperty("id").GetInt64()}", week.Headers.Location?.ToString());
    }

    private async Task<(long Id, string Token)> MintAsync(object body)
    {
        var response = await _server.Api.PostAsJsonAsync("/api/enrollment-tokens", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var minted = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (minted.GetProperty("id").GetInt64(), minted.GetProperty("token").GetString()!);
    }
}
