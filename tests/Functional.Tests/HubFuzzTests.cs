using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Linkwatch.Functional.Tests;

/// <summary>
/// Hostile calls to <c>/hubs/agent</c> from an enrolled agent through the official SignalR JavaScript client under
/// Node (hubfuzz/fuzz.mjs): wrong types, bad values, unknown methods, streams, deep nesting, an oversized message. Each
/// gets an error, an ack that rejects it, or the end of its connection, within a bound; an honest agent beside it is
/// served after every one, and only the honest agent's results are stored.
/// </summary>
public sealed class HubFuzzTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(_temp.Sub("server"));

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    /// <summary>What each case must come to: a hub error, an answer (an ack rejecting what was sent), or a closed connection.</summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["unknown method"] = ["error"],
        ["results as a string"] = ["error"],
        ["results as numbers"] = ["error"],
        ["a result with a bad id"] = ["error"],
        ["a result with a huge check id"] = ["error"],
        ["a result with a status outside the contract"] = ["ok"],
        ["a result for a check that is not the agent's"] = ["ok"],
        ["a result from the far future"] = ["ok"],
        ["a result with a negative timing"] = ["ok"],
        ["many nulls"] = ["ok"],
        ["events as an object"] = ["error"],
        ["an event with a bad time"] = ["error"],
        ["hello as an array"] = ["error"],
        ["too many arguments"] = ["error"],
        ["a stream of a plain method"] = ["error"],
        ["deeply nested arguments"] = ["error", "closed"],
        ["an oversized message"] = ["closed"],
        ["fire and forget garbage"] = ["ok"],
    };

    [Fact]
    public async Task Hostile_calls_through_the_official_JavaScript_client_are_answered_or_cut_off_and_an_honest_agent_is_served_throughout()
    {
        using var api = _server.CreateApiClient();
        var checkId = await api.CreateCheckAsync(new { name = "fuzzed", kind = "tcp", target = "fuzz.lan:80", intervalSeconds = 5 });
        var hostile = await EnrollAsync("hostile");
        var honest = await EnrollAsync("honest");
        var hub = new Uri(_server.BaseUrl, Linkwatch.Shared.HubPaths.Agent);

        var run = await Command.RunAsync("node", [Path.Combine(Repo.Root, "tests", "Functional.Tests", "hubfuzz", "fuzz.mjs"),
            hub.ToString(), hostile, honest, checkId.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(3));

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = JsonNode.Parse(run.StandardOutput.Trim().Split('\n').Last())!;
        var cases = report["cases"]!.AsArray().Select(c => (Name: c!["name"]!.GetValue<string>(), Outcome: c["outcome"]!.GetValue<string>(),
            Detail: c["detail"]!.GetValue<string>())).ToList();
        Assert.Equal(Expected.Keys.Order(), cases.Select(c => c.Name).Order());
        Assert.All(cases, c => Assert.True(Expected[c.Name].Contains(c.Outcome), $"{c.Name}: {c.Outcome} ({c.Detail})"));
        // Acks of what was sent wrong carry no committed ids: nothing of it was stored.
        Assert.All(cases.Where(c => c.Outcome == "ok" && c.Detail.StartsWith('{')),
            c => Assert.Empty(JsonNode.Parse(c.Detail)!["committed"]!.AsArray()));
        Assert.Equal("\"Connected\"", cases.Single(c => c.Name == "fire and forget garbage").Detail);

        var honestIds = report["honest"]!.AsArray().Select(id => id!.GetValue<string>()).ToList();
        Assert.Equal(Expected.Count, honestIds.Count);
        var stored = await Api.GetArrayAsync(api, $"/api/results?checkId={checkId}&limit=1000");
        Assert.Equal(honestIds.Order(), stored.Select(r => r!["id"]!.GetValue<string>()).Order());
        Assert.All(stored, r => Assert.Equal("honest", r!["agent"]!.GetValue<string>()));
        using var anonymous = new HttpClient { BaseAddress = _server.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
    }

    private async Task<string> EnrollAsync(string name)
    {
        using var http = new HttpClient { BaseAddress = _server.BaseUrl, Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerProcess.EnrollmentToken);
        using var response = await http.PostAsJsonAsync(Linkwatch.Shared.HubPaths.Enroll, new { name });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["credential"]!.GetValue<string>();
    }
}
