using System.Diagnostics;
using Linkwatch.Server.History;
using Linkwatch.Server.Platform.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Linkwatch.HistoryBench;

/// <summary>One rollup run over one job period's worth of results.</summary>
public sealed record RollupPeriod(int Results, double CpuSeconds, double WallSeconds);

/// <summary>
/// The rollup job's cost at a given ingest rate: for each job period, that period's results (a fleet of 1,000 checks on
/// 20 agents every 10 s gives 2,000 results/s, each series a bucket of its own) are written into the seeded store, and
/// the server's own <see cref="RollupBuilder"/> rolls them up in this process, whose CPU time is read around it.
/// The server is stopped meanwhile, so nothing else runs; what the bench added is removed afterwards.
/// </summary>
public static class RollupCost
{
    private const int Agents = 20;
    private const long FirstAgentId = 1_000_000;
    private static readonly TimeSpan Period = RollupJob.Interval;

    public static async Task<List<RollupPeriod>> MeasureAsync(string database, long[] checkIds, int resultsPerSecond, int periods)
    {
        var options = new DbContextOptionsBuilder<LinkwatchDbContext>()
            .UseSqlite($"Data Source={database}")
            .AddInterceptors(new SqlitePragmaInterceptor())
            .Options;
        await using var db = new LinkwatchDbContext(options);
        var watermark = await db.RollupState.Where(s => s.Id == 1).Select(s => s.Watermark).SingleAsync();
        var list = new List<RollupPeriod>(periods);
        var perPeriod = (int)(resultsPerSecond * Period.TotalSeconds);
        var series = checkIds.Length * Agents;
        var seriesInterval = (long)(series * 1000.0 / resultsPerSecond);
        try
        {
            for (var p = 0; p < periods; p++)
            {
                var from = watermark + (long)(p * Period.TotalMilliseconds);
                var until = from + (long)Period.TotalMilliseconds;
                Insert(database, checkIds, from, perPeriod, Period.TotalMilliseconds / perPeriod, seriesInterval);
                db.ChangeTracker.Clear();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var read = await RollupBuilder.CatchUpAsync(db, until, CancellationToken.None);
                var wall = clock.Elapsed.TotalSeconds;
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                if (read != perPeriod)
                    throw new InvalidOperationException($"the rollup read {read} results of a period, not {perPeriod}");
                list.Add(new RollupPeriod(read, used, wall));
                Console.WriteLine($"rollup period {p + 1}: {read:N0} results, {used * 1000:0} ms CPU, {wall * 1000:0} ms wall");
            }
        }
        finally
        {
            using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
            connection.Open();
            Seeder.Exec(connection, $"""DELETE FROM "Results" WHERE "AgentId" >= {FirstAgentId}; DELETE FROM "Rollups" WHERE "AgentId" >= {FirstAgentId}; UPDATE "RollupState" SET "Watermark" = {watermark} WHERE "Id" = 1""");
        }
        return list;
    }

    /// <summary>One period's results, received evenly over it; series k reports every <paramref name="seriesInterval"/> ms.</summary>
    private static void Insert(string database, long[] checkIds, long from, int count, double spacingMs, long seriesInterval)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO "Results" ("Id", "CheckId", "AgentId", "StartedAt", "ReceivedAt", "Status", "Verdict", "Family", "Address", "Phases", "Attempts", "Message", "Error", "Peer")
            VALUES ($id, $check, $agent, $started, $received, 'up', 'ok', 'ipv4', '127.0.0.1', $phases, NULL, NULL, NULL, NULL)
            """;
        var p = new[] { "$id", "$check", "$agent", "$started", "$received", "$phases" }
            .Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        var series = checkIds.Length * Agents;
        var first = (from / seriesInterval) * series;
        for (var i = 0; i < count; i++)
        {
            var k = first + i;
            var received = from + (long)(i * spacingMs);
            p[0].Value = Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(received)).ToString().ToUpperInvariant();
            p[1].Value = checkIds[k % series % checkIds.Length];
            p[2].Value = FirstAgentId + (k % series / checkIds.Length);
            p[3].Value = received - 40;
            p[4].Value = received;
            p[5].Value = $$"""{"connect":{{1 + k % 7}},"total":{{2 + k % 9}}}""";
            insert.ExecuteNonQuery();
        }
        tx.Commit();
    }
}
