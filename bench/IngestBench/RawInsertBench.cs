using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Linkwatch.Shared;
using Microsoft.Data.Sqlite;

namespace Linkwatch.IngestBench;

/// <summary>
/// The storage ceiling: the same rows straight into a fresh SQLite file with the server's table,
/// indexes and pragmas (WAL, synchronous=NORMAL), one prepared INSERT, <c>rowsPerTransaction</c> per commit.
/// Only the inserts and commits are timed; building the rows is not.
/// </summary>
public static class RawInsertBench
{
    private static readonly JsonTypeInfo<IReadOnlyList<AttemptResult>> AttemptList =
        (JsonTypeInfo<IReadOnlyList<AttemptResult>>)LinkwatchJsonContext.Default.Options.GetTypeInfo(typeof(IReadOnlyList<AttemptResult>));

    public sealed record Outcome(long Rows, TimeSpan Elapsed)
    {
        public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
    }

    public static Outcome Run(string databasePath, long rows, int rowsPerTransaction, int agents)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "PRAGMA synchronous=NORMAL;");
        foreach (var ddl in ResultsSchema.Ddl)
            Execute(connection, ddl);

        using var insert = connection.CreateCommand();
        insert.CommandText = ResultsSchema.InsertSql;
        var parameters = ResultsSchema.Columns.Select(c => insert.Parameters.Add(new SqliteParameter("$" + c, null))).ToArray();
        insert.Prepare();

        var factories = Enumerable.Range(1, agents).Select(i => new ResultFactory(i, "127.0.0.1:9", seed: 1000 + i)).ToArray();
        var elapsed = TimeSpan.Zero;
        long written = 0;
        var transaction = 0;
        while (written < rows)
        {
            var agent = transaction++ % agents;
            var count = (int)Math.Min(rowsPerTransaction, rows - written);
            var receivedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var batch = factories[agent].Create(count).Select(r => ToValues(r, agent + 1, receivedAt)).ToArray();

            var started = Stopwatch.GetTimestamp();
            using (var tx = connection.BeginTransaction())
            {
                insert.Transaction = tx;
                foreach (var values in batch)
                {
                    for (var i = 0; i < values.Length; i++)
                        parameters[i].Value = values[i] ?? DBNull.Value;
                    insert.ExecuteNonQuery();
                }
                tx.Commit();
            }
            elapsed += Stopwatch.GetElapsedTime(started);
            written += count;
        }
        return new Outcome(written, elapsed);
    }

    /// <summary>Column values in <see cref="ResultsSchema.Columns"/> order, in the server's stored form.</summary>
    private static object?[] ToValues(AgentResult r, long agentId, long receivedAt)
    {
        var attempt = r.Outcome.Attempts[0];
        return
        [
            // EF Core's SQLite provider stores a Guid as upper-case TEXT.
            r.Id.ToString().ToUpperInvariant(),
            r.CheckId,
            agentId,
            r.StartedAt.ToUnixTimeMilliseconds(),
            receivedAt,
            r.Outcome.Status,
            r.Outcome.Verdict,
            attempt.Family,
            attempt.Address,
            JsonSerializer.Serialize(attempt.Phases, LinkwatchJsonContext.Default.DictionaryStringDouble),
            JsonSerializer.Serialize(r.Outcome.Attempts, AttemptList),
            r.Outcome.Message,
            attempt.Error,
            r.Peer,
        ];
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
