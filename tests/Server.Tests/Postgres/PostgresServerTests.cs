using Linkwatch.Server.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Shared;
using Microsoft.AspNetCore.SignalR.Client;

namespace Linkwatch.Server.Tests.Postgres;

/// <summary>
/// The real server with <c>Storage:Provider=postgres</c> on an empty database of the throwaway cluster:
/// it creates the schema at start, and agents, checks, ingest, results, events, alerts and the dashboard work.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests(PostgresCluster cluster)
{
    [PostgresFact]
    public async Task The_server_on_postgres_stores_results_once_and_serves_checks_alerts_and_pages()
    {
        var connectionString = await cluster.CreateDatabaseAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await using var receiver = await HttpRecorder.StartAsync();
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Postgres"] = connectionString,
        });
        Assert.Empty(Directory.GetFiles(server.DataDir, "*.db", SearchOption.AllDirectories));

        // Checks and an agent.
        var checkId = await CreateAsync(server, "/api/checks", new { name = "pg-tcp", kind = "tcp", target = "a.lan:22", intervalSeconds = 10 });
        var otherId = await CreateAsync(server, "/api/checks", new { name = "pg-dns", kind = "dns", target = "example.test", intervalSeconds = 60 });
        Assert.Equal(2, (await server.Api.GetFromJsonAsync<JsonElement>("/api/checks")).GetArrayLength());
        var credential = await server.EnrollAsync("pg-agent");
        await using var agent = await server.ConnectAgentAsync(credential);
        var set = await agent.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello),
            new AgentHello { Version = "0.1.0", Addresses = ["192.0.2.10"] }).OrTimeout();
        Assert.Equal([checkId, otherId], set.Checks.Select(c => c.CheckId).Order());

        // A channel and a rule that opens an alert on the first failure.
        await CreateAsync(server, "/api/channels", new { name = "hook", type = "webhook", settings = new { url = receiver.BaseUrl + "/hook" } });
        var ruleId = await CreateAsync(server, "/api/alert-rules", new { name = "pg-rule", checkId, channels = new[] { "hook" }, openAfterFailures = 1 });
        Assert.Equal(ruleId, Assert.Single((await server.Api.GetFromJsonAsync<JsonElement>("/api/alert-rules")).EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal("hook", Assert.Single((await server.Api.GetFromJsonAsync<JsonElement>("/api/channels")).EnumerateArray()).GetProperty("name").GetString());

        // Results, submitted twice: each stored once, both submissions acked.
        var t0 = new DateTimeOffset(2026, 11, 22, 10, 11, 12, 345, TimeSpan.Zero);
        var batch = new[]
        {
            TestData.Result(checkId, t0, Statuses.Up, Verdicts.Ok, new AttemptResult { Family = "ipv4", Address = "192.0.2.1", Status = "up", Verdict = "ok", Phases = new() { ["connect"] = 1.5 } }),
            TestData.Result(checkId, t0.AddSeconds(5), Statuses.Down, Verdicts.ConnectRefused,
                new AttemptResult { Family = "ipv4", Address = "192.0.2.1", Status = "down", Verdict = "connect_refused", Error = "refused\0nul" }),
            TestData.Result(otherId, t0.AddSeconds(6), Statuses.Up, Verdicts.Ok),
        };
        var first = await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), batch).OrTimeout();
        var second = await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), batch).OrTimeout();

        Assert.Equal(batch.Select(r => r.Id).Order(), first.Committed.Order());
        Assert.Equal(batch.Select(r => r.Id).Order(), second.Committed.Order());
        var results = await server.Api.GetFromJsonAsync<JsonElement>($"/api/results?checkId={checkId}");
        Assert.Equal([batch[1].Id, batch[0].Id], results.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        var newest = results[0];
        Assert.Equal(("2026-11-22T10:11:17.345Z", "down", "connect_refused", "ipv4", "pg-agent"),
            (newest.GetProperty("startedAt").GetString(), newest.GetProperty("status").GetString(), newest.GetProperty("verdict").GetString(),
             newest.GetProperty("family").GetString(), newest.GetProperty("agent").GetString()));
        Assert.Equal(1.5, results[1].GetProperty("phases").GetProperty("connect").GetDouble());
        var window = await server.Api.GetFromJsonAsync<JsonElement>("/api/results?agent=pg-agent&from=2026-11-22T10:11:13Z&to=2026-11-22T11:00:00Z");
        Assert.Equal([batch[2].Id, batch[1].Id], window.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));

        // The failure opens an alert and notifies the channel.
        var alert = await EventuallyAsync(async () =>
        {
            var open = await server.Api.GetFromJsonAsync<JsonElement>("/api/alerts?state=open");
            return open.GetArrayLength() == 1 ? open[0] : (JsonElement?)null;
        });
        Assert.Equal((ruleId, checkId), (alert.GetProperty("ruleId").GetInt64(), alert.GetProperty("checkId").GetInt64()));
        await EventuallyAsync(() => Task.FromResult(receiver.Requests.IsEmpty ? null : (object?)true));
        var ack = await server.Api.PostAsync($"/api/alerts/{alert.GetProperty("id").GetInt64()}/ack", null);
        Assert.True(ack.IsSuccessStatusCode, await ack.Content.ReadAsStringAsync());

        // Network events, also idempotent.
        var events = new[] { new NetworkEvent { Id = Guid.CreateVersion7(t0), At = t0, Kind = NetworkEventKinds.AddressAdded, Interface = "eth0", Detail = "2001:db8::6/64" } };
        await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitEvents), events).OrTimeout();
        await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitEvents), events).OrTimeout();
        Assert.Equal(1, (await server.Api.GetFromJsonAsync<JsonElement>("/api/agents/pg-agent/events")).GetArrayLength());

        // The dashboard's queries translate for PostgreSQL too.
        using var anonymous = server.NewClient(null);
        foreach (var page in new[] { "/", $"/checks/{checkId}", "/agents/pg-agent", "/alerts", $"/alerts/{alert.GetProperty("id").GetInt64()}", "/mesh" })
        {
            var response = await anonymous.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [PostgresFact]
    public async Task A_server_restarted_on_the_same_database_keeps_its_data_and_migrates_nothing_again()
    {
        var connectionString = await cluster.CreateDatabaseAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "postgres", ["ConnectionStrings:Postgres"] = connectionString };
        long checkId;
        await using (var server = await TestServer.StartAsync(settings))
            checkId = await CreateAsync(server, "/api/checks", new { name = "kept", kind = "tcp", target = "k.lan:22", intervalSeconds = 10 });

        await using (var again = await TestServer.StartAsync(settings))
        {
            var check = await again.Api.GetFromJsonAsync<JsonElement>($"/api/checks/{checkId}");
            Assert.Equal("kept", check.GetProperty("name").GetString());
        }
    }

    private static async Task<long> CreateAsync(TestServer server, string path, object body)
    {
        var response = await server.Api.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : struct
    {
        using var cts = new CancellationTokenSource(TestServer.Timeout);
        while (true)
        {
            if (await probe() is { } value)
                return value;
            await Task.Delay(100, cts.Token);
        }
    }

    private static async Task EventuallyAsync(Func<Task<object?>> probe)
    {
        using var cts = new CancellationTokenSource(TestServer.Timeout);
        while (await probe() is null)
            await Task.Delay(100, cts.Token);
    }
}
