using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Linkwatch.Functional.Tests;

/// <summary>An admin sets an agent's labels on the server; the running agent's reconnects and re-enrollments keep them.</summary>
public sealed class AgentLabelsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task Labels_set_through_the_api_survive_the_agent_reconnecting_and_re_enrolling_without_labels()
    {
        using var api = Server.CreateApiClient();
        var data = fixture.Temp("labelled");
        await AgentProcess.EnrollAsync(Server.BaseUrl, "labelled", data);
        await using (var agent = AgentProcess.Run(data))
        {
            await WaitOnlineAsync(api, "labelled", true);

            using var put = await api.PutAsJsonAsync("/api/agents/labelled/labels", new { labels = new Dictionary<string, string> { ["site"] = "berlin", ["rack"] = "r2" } });
            var body = await put.Content.ReadAsStringAsync();
            Assert.True(put.StatusCode == HttpStatusCode.OK, body);
            var dto = JsonNode.Parse(body)!;
            Assert.Equal("labelled", dto["name"]!.GetValue<string>());
            Assert.Equal("berlin", dto["labels"]!["site"]!.GetValue<string>());
            Assert.True(dto["online"]!.GetValue<bool>());
        }
        await WaitOnlineAsync(api, "labelled", false);

        // A new process is a new connection and a new Hello.
        await using (var again = AgentProcess.Run(data))
        {
            await WaitOnlineAsync(api, "labelled", true);
            Assert.Equal(new Dictionary<string, string> { ["site"] = "berlin", ["rack"] = "r2" }, LabelsOf(await Api.GetArrayAsync(api, "/api/agents"), "labelled"));
        }

        // The CLI's re-enrollment without --label (a named single-use token) keeps them too.
        using var mint = await api.PostAsJsonAsync("/api/enrollment-tokens", new { name = "labelled" });
        var token = (await mint.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        await AgentProcess.EnrollAsync(Server.BaseUrl, "labelled", data, token);
        Assert.Equal(new Dictionary<string, string> { ["site"] = "berlin", ["rack"] = "r2" }, LabelsOf(await Api.GetArrayAsync(api, "/api/agents"), "labelled"));

        using var clear = await api.PutAsJsonAsync("/api/agents/labelled/labels", new { labels = new { } });
        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        Assert.Empty(LabelsOf(await Api.GetArrayAsync(api, "/api/agents"), "labelled"));
    }

    [Fact]
    public async Task Bad_labels_are_a_400_naming_labels_and_an_unknown_agent_is_404()
    {
        using var api = Server.CreateApiClient();
        using (var shared = await EnrollAsync("label-target"))
            Assert.Equal(HttpStatusCode.OK, shared.StatusCode);

        using var blank = await api.PutAsJsonAsync("/api/agents/label-target/labels", new { labels = new Dictionary<string, string> { [" "] = "x" } });
        using var missing = await api.PutAsJsonAsync("/api/agents/label-target/labels", new { });
        using var unknown = await api.PutAsJsonAsync("/api/agents/nobody-here/labels", new { labels = new { a = "b" } });

        await AssertNamesFieldAsync(blank, "labels");
        await AssertNamesFieldAsync(missing, "labels");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<HttpResponseMessage> EnrollAsync(string name)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ServerProcess.EnrollmentToken);
        return await http.PostAsJsonAsync("/api/enroll", new { name });
    }

    private static Dictionary<string, string> LabelsOf(JsonArray agents, string name) =>
        agents.Single(a => a!["name"]!.GetValue<string>() == name)!["labels"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    private static Task WaitOnlineAsync(HttpClient api, string name, bool online) =>
        Api.EventuallyAsync(() => Api.GetArrayAsync(api, "/api/agents"),
            agents => agents.Any(a => a!["name"]!.GetValue<string>() == name && a["online"]!.GetValue<bool>() == online),
            Generous, $"{name} online={online}");

    private static async Task AssertNamesFieldAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {text}");
        Assert.NotNull(JsonNode.Parse(text)!["errors"]![field]);
    }
}
