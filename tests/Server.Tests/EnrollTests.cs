using Microsoft.AspNetCore.SignalR.Client;
using Linkwatch.Server.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Shared;

namespace Linkwatch.Server.Tests;

public sealed class EnrollTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Enroll_with_the_enrollment_token_returns_a_credential_that_lists_the_agent()
    {
        using var client = _server.NewClient(TestServer.EnrollToken);

        var response = await client.PostAsJsonAsync(HubPaths.Enroll, new { name = "host-1.lan", labels = new { site = "home" }, version = "0.1.0" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var enrolled = await response.Content.ReadFromJsonAsync<EnrollResponse>();
        Assert.Equal("host-1.lan", enrolled!.Name);
        Assert.StartsWith("lwa_", enrolled.Credential);
        var agents = await _server.Api.GetFromJsonAsync<JsonElement>("/api/agents");
        var agent = agents.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "host-1.lan");
        Assert.False(agent.GetProperty("online").GetBoolean());
        Assert.Equal("home", agent.GetProperty("labels").GetProperty("site").GetString());
    }

    [Fact]
    public async Task Enroll_with_a_wrong_token_is_refused_with_a_401_problem()
    {
        using var client = _server.NewClient("not-the-enrollment-token");

        var response = await client.PostAsJsonAsync(HubPaths.Enroll, new { name = "intruder" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Enroll_with_the_api_key_instead_of_the_enrollment_token_is_refused()
    {
        var response = await _server.Api.PostAsJsonAsync(HubPaths.Enroll, new { name = "sneaky" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    public async Task Enroll_with_an_invalid_name_is_a_400_problem_naming_name(string name)
    {
        using var client = _server.NewClient(TestServer.EnrollToken);

        var response = await client.PostAsJsonAsync(HubPaths.Enroll, new { name });

        await ProblemAssert.NamesFieldAsync(response, "name");
    }

    [Fact]
    public async Task The_shared_token_enrolls_new_names_only_and_never_takes_over_or_un_revokes_one()
    {
        var first = await _server.EnrollAsync("taken");
        using var client = _server.NewClient(TestServer.EnrollToken);

        using (var again = await client.PostAsJsonAsync(HubPaths.Enroll, new { name = "taken" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("name", await again.Content.ReadAsStringAsync());
        }
        // The real agent keeps its credential.
        await using (var connection = await _server.ConnectAgentAsync(first))
            Assert.Equal(HubConnectionState.Connected, connection.State);

        using (var revoke = await _server.Api.DeleteAsync("/api/agents/taken"))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using (var unrevoke = await client.PostAsJsonAsync(HubPaths.Enroll, new { name = "taken" }))
            Assert.Equal(HttpStatusCode.Conflict, unrevoke.StatusCode);
        var agent = (await Api.GetArrayAsync(_server.Api, "/api/agents")).Single(a => a!["name"]!.GetValue<string>() == "taken")!;
        Assert.True(agent["revoked"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("..")]
    [InlineData("-leading-dash")]
    [InlineData(".hidden")]
    public async Task A_new_name_outside_the_rule_for_new_agents_is_a_400_naming_name(string name)
    {
        using var client = _server.NewClient(TestServer.EnrollToken);
        using var response = await client.PostAsJsonAsync(HubPaths.Enroll, new { name });
        await ProblemAssert.NamesFieldAsync(response, "name");
    }
}
