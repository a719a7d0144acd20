using Linkwatch.Server.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Shared;

namespace Linkwatch.Server.Tests.Postgres;

/// <summary>
/// Spending a single-use token on PostgreSQL, where concurrent enrollments really overlap (read committed), unlike
/// SQLite's one writer at a time: the conditional update must still let exactly one through.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEnrollmentTokenTests(PostgresCluster cluster)
{
    [PostgresFact]
    public async Task Concurrent_enrollments_with_one_token_on_postgres_give_exactly_one_agent()
    {
        var connectionString = await cluster.CreateDatabaseAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Postgres"] = connectionString,
            // Each round refuses five enrollments from this address on purpose: past the default throttle of 10 a minute.
            ["Limits:FailedEnrollmentsPerMinute"] = "1000",
        });
        for (var round = 0; round < 5; round++)
        {
            var minted = await server.Api.PostAsJsonAsync("/api/enrollment-tokens", new { });
            Assert.Equal(HttpStatusCode.Created, minted.StatusCode);
            var token = (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            using var start = new SemaphoreSlim(0);
            var attempts = Enumerable.Range(1, 6).Select(async i =>
            {
                using var client = server.NewClient(token);
                await start.WaitAsync(TestServer.Timeout);
                using var response = await client.PostAsJsonAsync(HubPaths.Enroll, new { name = $"pg-race-{round}-{i}" });
                return response.StatusCode;
            }).ToList();
            start.Release(attempts.Count);
            var codes = await Task.WhenAll(attempts).OrTimeout();

            Assert.Single(codes, HttpStatusCode.OK);
            Assert.All(codes.Where(c => c != HttpStatusCode.OK), c => Assert.Equal(HttpStatusCode.Unauthorized, c));
            var agents = await server.Api.GetFromJsonAsync<JsonElement>("/api/agents");
            Assert.Single(agents.EnumerateArray(), a => a.GetProperty("name").GetString()!.StartsWith($"pg-race-{round}-", StringComparison.Ordinal));
        }
    }
}
