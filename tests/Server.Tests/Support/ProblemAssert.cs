using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Linkwatch.Server.Tests.Support;

public static class ProblemAssert
{
    /// <summary>A 400 RFC 7807 validation problem whose errors include <paramref name="field"/>.</summary>
    public static async Task NamesFieldAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for '{field}': {body}");
    }
}
