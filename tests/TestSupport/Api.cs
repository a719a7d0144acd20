using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Linkwatch.TestSupport;

/// <summary>Small helpers over the HTTP API, as a script would use it.</summary>
public static class Api
{
    public static async Task<long> CreateCheckAsync(this HttpClient http, object check)
    {
        using var response = await http.PostAsJsonAsync("/api/checks", check);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"POST /api/checks: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<long>();
    }

    /// <summary>Enrolls <paramref name="name"/> over HTTP with the shared token, as the agent's enroll verb does; returns its credential.</summary>
    public static async Task<string> EnrollAsync(Uri server, string name, string token = ServerProcess.EnrollmentToken)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.PostAsJsonAsync("/api/enroll", new { name });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"enroll {name}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["credential"]!.GetValue<string>();
    }

    public static async Task<JsonArray> GetArrayAsync(HttpClient http, string path)
    {
        var body = await http.GetStringAsync(path);
        return JsonNode.Parse(body)!.AsArray();
    }

    public static async Task<JsonObject> GetObjectAsync(HttpClient http, string path)
    {
        var body = await http.GetStringAsync(path);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds or the timeout passes.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await read();
            if (done(last))
                return last;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen within {timeout}; last: {Describe(last)}");
            await Task.Delay(200);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        JsonNode node => node.ToJsonString().Length > 2000 ? node.ToJsonString()[..2000] : node.ToJsonString(),
        _ => JsonSerializer.Serialize(value),
    };
}
