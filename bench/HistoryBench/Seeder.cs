using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Linkwatch.Server.Platform.Store;
using Linkwatch.Shared;
using Microsoft.Data.Sqlite;

namespace Linkwatch.HistoryBench;

/// <summary>
/// Builds the store the measurements read: the real server creates its schema, the agent, the checks and a status page
/// through the API; then the raw results and the three rollup tiers of <see cref="Workload"/> are written straight into
/// its SQLite file (the server stopped), with the secondary indexes dropped during the load and created again after.
/// </summary>
public static class Seeder
{
    public const string AgentName = "history-agent";
    public const string StatusSlug = "bench";
    private const int RowsPerTransaction = 250_000;

    public static async Task<SeededStore> SeedAsync(BenchOptions options, string dataDirectory)
    {
        var clock = Stopwatch.StartNew();
        long agentId;
        long[] checkIds;
        await using (var server = await ServerProcess.StartAsync(RepoPaths.ServerDll, dataDirectory, SignIn.ServerEnvironment))
        {
            using var api = new ServerApi(server.BaseUrl);
            await api.EnrollAsync(AgentName);
            checkIds = new long[options.Checks];
            for (var i = 0; i < options.Checks; i++)
                checkIds[i] = await api.CreateCheckAsync($"history {i:D4}", [AgentName], $"10.{i / 250}.{i % 250}.1:443", options.IntervalSeconds);
            using var http = Api(server.BaseUrl);
            agentId = (await http.GetFromJsonAsync<JsonArray>("/api/agents"))!.Single(a => (string?)a!["name"] == AgentName)!["id"]!.GetValue<long>();
            await CreateStatusPageAsync(http, checkIds.Take(options.StatusPageChecks).ToArray());
            Console.WriteLine($"schema, agent, {options.Checks} checks and a status page created through the API in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        var workload = new Workload(options, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var database = Path.Combine(dataDirectory, "linkwatch.db");
        using var db = new SqliteConnection($"Data Source={database};Pooling=False");
        db.Open();
        Exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
        Exec(db, "PRAGMA journal_mode=OFF");
        Exec(db, "PRAGMA synchronous=OFF");
        Exec(db, "PRAGMA cache_size=-1048576");
        var indexes = SecondaryIndexes(db);
        foreach (var (name, _) in indexes)
            Exec(db, $"DROP INDEX \"{name}\"");

        var raw = InsertRaw(db, workload, agentId, checkIds);
        Console.WriteLine($"{raw:N0} raw results written ({clock.Elapsed.TotalSeconds:0} s)");
        var rollups = InsertRollups(db, workload, agentId, checkIds);
        Console.WriteLine($"{rollups:N0} rollup rows written ({clock.Elapsed.TotalSeconds:0} s)");
        Exec(db, $"DELETE FROM \"RollupState\"; INSERT INTO \"RollupState\" (\"Id\", \"Watermark\") VALUES (1, {workload.End + 1000})");
        foreach (var (name, sql) in indexes)
        {
            Exec(db, sql);
            Console.WriteLine($"index {name} built ({clock.Elapsed.TotalSeconds:0} s)");
        }
        Exec(db, "PRAGMA journal_mode=WAL");

        var seeded = new SeededStore(options.Checks, options.IntervalSeconds, options.RawDays, options.MinuteDays, options.RollupDays,
            workload.End, agentId, checkIds, StatusSlug, raw, rollups, clock.Elapsed.TotalSeconds);
        seeded.Write(dataDirectory);
        return seeded;
    }

    public static HttpClient Api(Uri baseUrl)
    {
        var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerProcess.ApiKey);
        return http;
    }

    private static async Task CreateStatusPageAsync(HttpClient http, long[] checks)
    {
        var groups = checks.Chunk(10).Select((c, i) => new { name = $"Group {i + 1}", checks = c }).ToArray();
        using var response = await http.PostAsJsonAsync("/api/status-pages", new
        {
            slug = StatusSlug,
            title = "Bench services",
            description = "Fifty checks in five groups",
            @public = true,
            groups,
            notices = new[] { new { title = "Planned work", body = "The **database** moves on Sunday.", at = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture) } },
        });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /api/status-pages -> {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static long InsertRaw(SqliteConnection db, Workload w, long agentId, long[] checkIds)
    {
        using var insert = db.CreateCommand();
        insert.CommandText = """
            INSERT INTO "Results" ("Id", "CheckId", "AgentId", "StartedAt", "ReceivedAt", "Status", "Verdict", "Family", "Address", "Phases", "Attempts", "Message", "Error", "Peer")
            VALUES ($id, $check, $agent, $started, $received, $status, $verdict, 'ipv4', '127.0.0.1', $phases, $attempts, NULL, $error, NULL)
            """;
        var p = new[] { "$id", "$check", "$agent", "$started", "$received", "$status", "$verdict", "$phases", "$attempts", "$error" }
            .Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        p[2].Value = agentId;
        long rows = 0;
        var tx = db.BeginTransaction();
        insert.Transaction = tx;
        for (var run = w.RunAt(w.RawStart); ; run++)
        {
            if (w.StartedAt(0, run) >= w.End)
                break;
            for (var c = 0; c < checkIds.Length; c++)
            {
                var started = w.StartedAt(c, run);
                if (started >= w.End)
                    break;
                var status = w.Status(c, run);
                var verdict = Workload.Verdict(status);
                var latency = Math.Round(w.LatencyMs(c, run), 3);
                var phases = new Dictionary<string, double> { ["resolve"] = 0.05, ["connect"] = latency, ["total"] = latency };
                p[0].Value = Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(started)).ToString().ToUpperInvariant();
                p[1].Value = checkIds[c];
                p[3].Value = started;
                p[4].Value = started + 20;
                p[5].Value = status;
                p[6].Value = verdict;
                p[7].Value = StoredJson.WritePhases(phases);
                p[8].Value = StoredJson.WriteAttempts([new AttemptResult { Family = "ipv4", Address = "127.0.0.1", Status = status, Verdict = verdict, Phases = phases }]);
                p[9].Value = status == "down" ? "connection refused" : DBNull.Value;
                insert.ExecuteNonQuery();
                if (++rows % RowsPerTransaction == 0)
                {
                    tx.Commit();
                    tx.Dispose();
                    tx = db.BeginTransaction();
                    insert.Transaction = tx;
                }
            }
        }
        tx.Commit();
        tx.Dispose();
        return rows;
    }

    private sealed class Bucket
    {
        public int Count, Up, Degraded, Down;
        public readonly List<double> Latencies = [];

        public void Add(string status, double latency)
        {
            Count++;
            switch (status)
            {
                case "up": Up++; break;
                case "degraded": Degraded++; break;
                default: Down++; break;
            }
            Latencies.Add(latency);
        }

        public void Clear()
        {
            Count = Up = Degraded = Down = 0;
            Latencies.Clear();
        }
    }

    /// <summary>Minute rows for the minute tier's days, hour and day rows for all of them, each in primary-key order.</summary>
    private static long InsertRollups(SqliteConnection db, Workload w, long agentId, long[] checkIds)
    {
        using var insert = db.CreateCommand();
        insert.CommandText = """
            INSERT INTO "Rollups" ("Step", "CheckId", "AgentId", "Family", "Start", "Count", "Up", "Degraded", "Down", "Samples", "Min", "Avg", "Max", "P50", "P95", "P99")
            VALUES ($step, $check, $agent, 'ipv4', $start, $count, $up, $degraded, $down, $count, $min, $avg, $max, $p50, $p95, $p99)
            """;
        var p = new[] { "$step", "$check", "$agent", "$start", "$count", "$up", "$degraded", "$down", "$min", "$avg", "$max", "$p50", "$p95", "$p99" }
            .Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        p[2].Value = agentId;
        long rows = 0;
        var tx = db.BeginTransaction();
        insert.Transaction = tx;
        void Write(long step, long check, long start, Bucket b)
        {
            b.Latencies.Sort();
            p[0].Value = step;
            p[1].Value = check;
            p[3].Value = start;
            p[4].Value = b.Count;
            p[5].Value = b.Up;
            p[6].Value = b.Degraded;
            p[7].Value = b.Down;
            p[8].Value = b.Latencies[0];
            p[9].Value = Math.Round(b.Latencies.Average(), 3);
            p[10].Value = b.Latencies[^1];
            p[11].Value = Rank(b.Latencies, 0.50);
            p[12].Value = Rank(b.Latencies, 0.95);
            p[13].Value = Rank(b.Latencies, 0.99);
            insert.ExecuteNonQuery();
            if (++rows % RowsPerTransaction == 0)
            {
                tx.Commit();
                tx.Dispose();
                tx = db.BeginTransaction();
                insert.Transaction = tx;
            }
        }

        var bucket = new Bucket();
        foreach (var (step, first) in new[] { (Workload.Minute, w.MinuteStart), (Workload.Hour, w.RollupStart), (Workload.Day, w.RollupStart) })
        {
            for (var c = 0; c < checkIds.Length; c++)
            {
                for (var start = first; start < w.End; start += step)
                {
                    bucket.Clear();
                    var end = Math.Min(start + step, w.End);
                    for (var run = Math.Max(0, w.RunAt(start) - 1); ; run++)
                    {
                        var at = w.StartedAt(c, run);
                        if (at >= end)
                            break;
                        if (at >= start)
                            bucket.Add(w.Status(c, run), Math.Round(w.LatencyMs(c, run), 3));
                    }
                    if (bucket.Count > 0)
                        Write(step, checkIds[c], start, bucket);
                }
            }
        }
        tx.Commit();
        tx.Dispose();
        return rows;
    }

    private static double Rank(List<double> sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static List<(string Name, string Sql)> SecondaryIndexes(SqliteConnection db)
    {
        using var command = db.CreateCommand();
        command.CommandText = """SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('Results', 'Rollups') AND sql IS NOT NULL""";
        using var reader = command.ExecuteReader();
        var list = new List<(string, string)>();
        while (reader.Read())
            list.Add((reader.GetString(0), reader.GetString(1)));
        return list;
    }

    public static void Exec(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
