using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Shared;

namespace Linkwatch.BenchSupport;

/// <summary>The few HTTP API calls the bench needs: create checks and enroll agents.</summary>
public sealed class ServerApi(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A tcp check that stays idle during the run: nothing executes it, and its interval is an hour.</summary>
    public Task<long> CreateCheckAsync(string name, string agent, string target) => CreateCheckAsync(name, [agent], target, 3600);

    /// <summary>A tcp check on <paramref name="agents"/>; none means every agent.</summary>
    public async Task<long> CreateCheckAsync(string name, string[] agents, string target, int intervalSeconds)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/checks")
        {
            Content = JsonContent.Create(new
            {
                name,
                kind = CheckKinds.Tcp,
                target,
                intervalSeconds,
                agents,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerProcess.ApiKey);
        using var response = await _http.SendAsync(request);
        await EnsureSuccessAsync(response);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Enrolls the agent with the shared token and returns its own credential.</summary>
    public async Task<string> EnrollAsync(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, HubPaths.Enroll)
        {
            Content = JsonContent.Create(new EnrollRequest { Name = name, Version = "bench" }, LinkwatchJsonContext.Default.EnrollRequest),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerProcess.EnrollmentToken);
        using var response = await _http.SendAsync(request);
        await EnsureSuccessAsync(response);
        var enrolled = await response.Content.ReadFromJsonAsync(LinkwatchJsonContext.Default.EnrollResponse);
        return enrolled?.Credential ?? throw new InvalidOperationException("enroll returned no credential");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} -> {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose() => _http.Dispose();
}
