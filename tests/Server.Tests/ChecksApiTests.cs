using Linkwatch.Server.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Linkwatch.Server.Tests;

public sealed class ChecksApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Creating_a_check_returns_201_with_id_location_and_defaults()
    {
        var response = await _server.Api.PostAsJsonAsync("/api/checks",
            new { name = "web", kind = "http", target = "https://example.test/", intervalSeconds = 3 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var check = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = check.GetProperty("id").GetInt64();
        Assert.Equal($"/api/checks/{id}", response.Headers.Location?.ToString());
        Assert.Equal(3, check.GetProperty("timeoutSeconds").GetDouble());
        Assert.True(check.GetProperty("enabled").GetBoolean());
        Assert.Equal("auto", check.GetProperty("family").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", check.GetProperty("createdAt").GetString());
    }

    [Fact]
    public async Task A_check_can_be_read_replaced_listed_and_deleted()
    {
        var created = await (await _server.Api.PostAsJsonAsync("/api/checks",
            new { name = "db", kind = "tcp", target = "db.lan:5432", intervalSeconds = 30, labels = new { tier = "data" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();

        var replaced = await _server.Api.PutAsJsonAsync($"/api/checks/{id}",
            new { name = "db", kind = "tcp", target = "db.lan:5433", intervalSeconds = 60, timeoutSeconds = 10, enabled = false, agents = new[] { "a1" } });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var read = await _server.Api.GetFromJsonAsync<JsonElement>($"/api/checks/{id}");
        Assert.Equal("db.lan:5433", read.GetProperty("target").GetString());
        Assert.False(read.GetProperty("enabled").GetBoolean());
        Assert.Equal("a1", read.GetProperty("agents")[0].GetString());
        Assert.Contains((await _server.Api.GetFromJsonAsync<JsonElement>("/api/checks")).EnumerateArray(), c => c.GetProperty("id").GetInt64() == id);

        Assert.Equal(HttpStatusCode.NoContent, (await _server.Api.DeleteAsync($"/api/checks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Api.GetAsync($"/api/checks/{id}")).StatusCode);
    }

    [Fact]
    public async Task Labels_are_bounded_in_count_and_size()
    {
        var many = Enumerable.Range(0, 33).ToDictionary(i => $"k{i}", i => "v");
        using (var tooMany = await _server.Api.PostAsJsonAsync("/api/checks", new { name = "x", kind = "tcp", target = "h:1", intervalSeconds = 5, labels = many }))
            await ProblemAssert.NamesFieldAsync(tooMany, "labels");
        using var tooLong = await _server.Api.PostAsJsonAsync("/api/checks",
            new { name = "x", kind = "tcp", target = "h:1", intervalSeconds = 5, labels = new Dictionary<string, string> { ["site"] = new string('v', 256) } });
        await ProblemAssert.NamesFieldAsync(tooLong, "labels");
    }

    [Theory]
    [InlineData("""{"name":"x","kind":"ftp","target":"h:21","intervalSeconds":5}""", "kind")]
    [InlineData("""{"name":"x","kind":"tcp","target":"no-port","intervalSeconds":5}""", "target")]
    [InlineData("""{"name":"x","kind":"http","target":"ftp://h/","intervalSeconds":5}""", "target")]
    [InlineData("""{"name":"x","kind":"tcp","target":"h:1","intervalSeconds":0}""", "intervalSeconds")]
    [InlineData("""{"name":"x","kind":"tcp","target":"h:1"}""", "intervalSeconds")]
    [InlineData("""{"kind":"tcp","target":"h:1","intervalSeconds":5}""", "name")]
    [InlineData("""{"name":"x","kind":"tcp","target":"h:1","intervalSeconds":5,"labels":{"site":"a\u0000b"}}""", "labels")]
    [InlineData("""{"name":"x","kind":"tcp","target":"h:1","intervalSeconds":5,"labels":{"a\nb":"c"}}""", "labels")]
    [InlineData("""{"name":"x","kind":"tcp","target":"h:1","intervalSeconds":5,"timeoutSeconds":6}""", "timeoutSeconds")]
    [InlineData("""{"name":"x","kind":"tcp","target":"h:1","intervalSeconds":5,"family":"ipv5"}""", "family")]
    [InlineData("""{"name":"x","kind":"tcp","target":"h:1","intervalSeconds":"five"}""", "intervalSeconds")]
    [InlineData("""{"name":"x","kind":"tcp","target":"h:1","intervalSeconds":5,"agents":"a1"}""", "agents")]
    [InlineData("""{"name":"x","kind":"tcp","target":"h:1","intervalSeconds":5,"agents":["bad name"]}""", "agents")]
    [InlineData("""{"name":"x","kind":"tcp",""", "body")]
    [InlineData("""null""", "body")]
    public async Task A_bad_check_is_a_400_problem_naming_the_field(string json, string field)
    {
        var response = await _server.Api.PostAsync("/api/checks", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.NamesFieldAsync(response, field);
    }

    [Fact]
    public async Task The_checks_api_refuses_requests_without_the_api_key()
    {
        using var anonymous = _server.NewClient(null);
        using var wrong = _server.NewClient("wrong-key-0123456789");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/checks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/checks")).StatusCode);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-45", "to")]
    [InlineData("checkId=x", "checkId")]
    public async Task Bad_result_query_values_are_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        await ProblemAssert.NamesFieldAsync(await _server.Api.GetAsync("/api/results?" + query), parameter);
    }
}
