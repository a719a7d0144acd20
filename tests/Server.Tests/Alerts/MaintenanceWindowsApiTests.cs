using Linkwatch.Server.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Linkwatch.Server.Tests.Alerts;

public sealed class MaintenanceWindowsApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("""{"start":"2030-01-01T00:00:00Z","end":"2030-01-01T01:00:00Z"}""", "name")]
    [InlineData("""{"name":"w"}""", "start")]
    [InlineData("""{"name":"w","start":"2030-01-01T02:00:00Z","end":"2030-01-01T01:00:00Z"}""", "end")]
    [InlineData("""{"name":"w","start":"2020-01-01T00:00:00Z","end":"2020-01-01T01:00:00Z"}""", "end")]
    [InlineData("""{"name":"w","cron":"every sunday","durationMinutes":60}""", "cron")]
    [InlineData("""{"name":"w","cron":"0 0 2 ? * SUN"}""", "durationMinutes")]
    [InlineData("""{"name":"w","cron":"0 0 2 ? * SUN","durationMinutes":0}""", "durationMinutes")]
    [InlineData("""{"name":"w","cron":"0 0 2 ? * SUN","durationMinutes":60,"start":"2030-01-01T00:00:00Z"}""", "start")]
    [InlineData("""{"name":"w","cron":"0 0 2 ? * SUN","durationMinutes":60,"timezone":"Mars/Olympus"}""", "timezone")]
    [InlineData("""{"name":"w","checkId":999,"cron":"0 0 2 ? * SUN","durationMinutes":60}""", "checkId")]
    [InlineData("""{"name":"w","agent":"bad name!","cron":"0 0 2 ? * SUN","durationMinutes":60}""", "agent")]
    public async Task A_bad_window_is_a_400_problem_naming_the_field(string json, string field)
    {
        var response = await _server.Api.PostAsync("/api/maintenance-windows", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.NamesFieldAsync(response, field);
    }

    [Fact]
    public async Task Windows_are_created_listed_with_their_activity_and_deleted()
    {
        var now = DateTimeOffset.UtcNow;
        var oneOff = await _server.Api.PostAsJsonAsync("/api/maintenance-windows", new
        {
            name = "now", agent = "edge-1", start = now.AddMinutes(-1), end = now.AddHours(1),
        });
        var weekly = await _server.Api.PostAsJsonAsync("/api/maintenance-windows", new
        {
            name = "sunday", labels = new { site = "berlin" }, cron = "0 0 2 ? * SUN", durationMinutes = 60, timezone = "Europe/Berlin",
        });
        Assert.Equal(HttpStatusCode.Created, oneOff.StatusCode);
        Assert.Equal(HttpStatusCode.Created, weekly.StatusCode);

        var listed = await _server.Api.GetFromJsonAsync<JsonElement>("/api/maintenance-windows");

        Assert.Equal(2, listed.GetArrayLength());
        Assert.True(listed[0].GetProperty("active").GetBoolean());
        Assert.Equal("edge-1", listed[0].GetProperty("agent").GetString());
        Assert.Equal("UTC", listed[0].GetProperty("timezone").GetString());
        Assert.Equal("berlin", listed[1].GetProperty("labels").GetProperty("site").GetString());
        Assert.Equal("Europe/Berlin", listed[1].GetProperty("timezone").GetString());
        Assert.Equal(DayOfWeek.Sunday, listed[1].GetProperty("nextStart").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(1)).DayOfWeek);
        var id = listed[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await _server.Api.DeleteAsync($"/api/maintenance-windows/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Api.DeleteAsync($"/api/maintenance-windows/{id}")).StatusCode);
        Assert.Equal(1, (await _server.Api.GetFromJsonAsync<JsonElement>("/api/maintenance-windows")).GetArrayLength());
    }
}
