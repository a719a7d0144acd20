using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Linkwatch.Agent.State;
using Microsoft.Data.Sqlite;

namespace Linkwatch.Agent.Outbox;

/// <summary>
/// A durable first-in-first-out queue in a small SQLite file: JSON payloads keyed by a
/// time-ordered id (UUIDv7, so key order is time order). Entries leave only when deleted, that
/// is when the server acknowledged them; past the capacity the oldest are dropped, so a long
/// outage cannot fill the disk.
/// </summary>
internal sealed partial class DurableQueue<T> : IAsyncDisposable where T : class
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly Func<T, Guid> _idOf;
    private readonly string _table;
    private readonly long _capacity;
    private readonly ILogger _logger;
    // Kept in memory: COUNT(*) on every insert would cost a scan of a large backlog.
    private long _count;

    /// <param name="table">A constant table name (never user input).</param>
    public DurableQueue(string dataDirectory, string fileName, string table, JsonTypeInfo<T> typeInfo, Func<T, Guid> idOf,
        long capacity, ILogger logger)
    {
        _typeInfo = typeInfo;
        _idOf = idOf;
        _table = table;
        _capacity = capacity;
        _logger = logger;
        DataDirectory.Ensure(dataDirectory);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, fileName),
            Pooling = false,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        // NORMAL in WAL mode survives a process crash; only a power loss can drop the newest rows.
        Execute("PRAGMA synchronous=NORMAL;");
        Execute($"CREATE TABLE IF NOT EXISTS {_table} (id TEXT PRIMARY KEY, payload TEXT NOT NULL) WITHOUT ROWID;");
        _count = CountCore();
    }

    /// <summary>Stores the items durably (an id already queued is kept once) and wakes the sender.</summary>
    public async Task AddAsync(IReadOnlyList<T> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
            return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT OR IGNORE INTO {_table} (id, payload) VALUES ($id, $payload);";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var payload = insert.Parameters.Add("$payload", SqliteType.Text);
            foreach (var item in items)
            {
                id.Value = Key(_idOf(item));
                payload.Value = JsonSerializer.Serialize(item, _typeInfo);
                _count += insert.ExecuteNonQuery();
            }
            TrimToCapacity(transaction);
            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
        _signal.Release();
    }

    /// <summary>The oldest queued items; unreadable entries are dropped.</summary>
    public async Task<IReadOnlyList<T>> PeekAsync(int max, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var select = _connection.CreateCommand();
            select.CommandText = $"SELECT id, payload FROM {_table} ORDER BY id LIMIT $max;";
            select.Parameters.AddWithValue("$max", max);
            var items = new List<T>();
            var corrupt = new List<string>();
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    try
                    {
                        if (JsonSerializer.Deserialize(reader.GetString(1), _typeInfo) is { } item)
                            items.Add(item);
                        else
                            corrupt.Add(reader.GetString(0));
                    }
                    catch (JsonException)
                    {
                        corrupt.Add(reader.GetString(0));
                    }
                }
            }
            if (corrupt.Count > 0)
            {
                Log.DroppedCorrupt(_logger, corrupt.Count, _table);
                DeleteCore(corrupt);
            }
            return items;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes acknowledged items.</summary>
    public async Task DeleteAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            DeleteCore(ids.Select(Key));
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

    private static string Key(Guid id) => id.ToString();

    private void DeleteCore(IEnumerable<string> ids)
    {
        using var transaction = _connection.BeginTransaction();
        using var delete = _connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = $"DELETE FROM {_table} WHERE id = $id;";
        var parameter = delete.Parameters.Add("$id", SqliteType.Text);
        foreach (var id in ids)
        {
            parameter.Value = id;
            _count -= delete.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private void TrimToCapacity(SqliteTransaction transaction)
    {
        var excess = _count - _capacity;
        if (excess <= 0)
            return;
        using var trim = _connection.CreateCommand();
        trim.Transaction = transaction;
        trim.CommandText = $"DELETE FROM {_table} WHERE id IN (SELECT id FROM {_table} ORDER BY id LIMIT $n);";
        trim.Parameters.AddWithValue("$n", excess);
        var dropped = trim.ExecuteNonQuery();
        _count -= dropped;
        Log.DroppedOldest(_logger, dropped, _table, _capacity);
    }

    private long CountCore()
    {
        using var count = _connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM {_table};";
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
}
