using System.Text.Json;
using Linkwatch.Agent.State;
using Linkwatch.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Linkwatch.Agent.Outbox;

/// <summary>
/// Durable queue of results not yet acknowledged by the server. Every result is written here
/// first and deleted only on ack, so a crash or outage on either side loses nothing.
/// </summary>
public sealed partial class ResultOutbox : IAsyncDisposable
{
    public const string FileName = "outbox.db";
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private readonly int _capacity;
    // Kept in memory: COUNT(*) on every insert would cost a scan of a large backlog.
    private long _count;
    private readonly ILogger<ResultOutbox> _logger;

    public ResultOutbox(AgentRuntimeOptions options, ILogger<ResultOutbox> logger)
    {
        _logger = logger;
        _capacity = options.OutboxCapacity;
        DataDirectory.Ensure(options.DataDirectory);
        var path = Path.Combine(options.DataDirectory, FileName);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        // NORMAL in WAL mode survives a process crash; only a power loss can drop the newest rows.
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, payload TEXT NOT NULL) WITHOUT ROWID;");
        _count = CountCore();
    }

    /// <summary>Stores a result durably and wakes the sender.</summary>
    public async Task AddAsync(AgentResult result, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Serialize(result, LinkwatchJsonContext.Default.AgentResult);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var insert = _connection.CreateCommand();
            insert.CommandText = "INSERT OR IGNORE INTO outbox (id, payload) VALUES ($id, $payload);";
            insert.Parameters.AddWithValue("$id", result.Id.ToString());
            insert.Parameters.AddWithValue("$payload", payload);
            _count += insert.ExecuteNonQuery();
            TrimToCapacity();
        }
        finally
        {
            _gate.Release();
        }
        _signal.Release();
    }

    /// <summary>The oldest unsent results (ids are UUIDv7, so id order is time order).</summary>
    public async Task<IReadOnlyList<AgentResult>> PeekAsync(int max, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT id, payload FROM outbox ORDER BY id LIMIT $max;";
            select.Parameters.AddWithValue("$max", max);
            var results = new List<AgentResult>();
            var corrupt = new List<string>();
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    try
                    {
                        var result = JsonSerializer.Deserialize(reader.GetString(1), LinkwatchJsonContext.Default.AgentResult);
                        if (result is null)
                            corrupt.Add(reader.GetString(0));
                        else
                            results.Add(result);
                    }
                    catch (JsonException)
                    {
                        corrupt.Add(reader.GetString(0));
                    }
                }
            }
            if (corrupt.Count > 0)
            {
                Log.DroppedCorrupt(_logger, corrupt.Count);
                DeleteCore(corrupt);
            }
            return results;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes acknowledged results.</summary>
    public async Task DeleteAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            DeleteCore(ids.Select(i => i.ToString()));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return CountCore();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Waits until something is added or the timeout passes.</summary>
    public async Task WaitForNewAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _signal.WaitAsync(timeout, cancellationToken);
        // Coalesce: one wake-up drains whatever accumulated.
        while (_signal.CurrentCount > 0 && _signal.Wait(0))
        {
        }
    }

    private void DeleteCore(IEnumerable<string> ids)
    {
        using var transaction = _connection.BeginTransaction();
        using var delete = _connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM outbox WHERE id = $id;";
        var parameter = delete.Parameters.Add("$id", SqliteType.Text);
        foreach (var id in ids)
        {
            parameter.Value = id;
            _count -= delete.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private void TrimToCapacity()
    {
        var excess = _count - _capacity;
        if (excess <= 0)
            return;
        using var trim = _connection.CreateCommand();
        trim.CommandText = "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT $n);";
        trim.Parameters.AddWithValue("$n", excess);
        _count -= trim.ExecuteNonQuery();
        Log.DroppedOldest(_logger, excess, _capacity);
    }

    private long CountCore()
    {
        using var count = _connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM outbox;";
        return (long)count.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await _connection.DisposeAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Outbox full ({Capacity} results): dropped the {Count} oldest unsent results")]
        public static partial void DroppedOldest(ILogger logger, long count, int capacity);

        [LoggerMessage(2, LogLevel.Warning, "Dropped {Count} unreadable outbox entries")]
        public static partial void DroppedCorrupt(ILogger logger, int count);
    }
}
