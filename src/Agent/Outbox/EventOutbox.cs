using System.Text.Json;
using Linkwatch.Agent.State;
using Linkwatch.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Linkwatch.Agent.Outbox;

/// <summary>
/// Durable queue of network events not yet acknowledged by the server, in a small SQLite file of its
/// own next to the result outbox: events are few, and keeping them apart keeps the result hot path as it is.
/// </summary>
public sealed partial class EventOutbox : IAsyncDisposable
{
    public const string FileName = "events.db";
    /// <summary>Oldest events are dropped past this many unsent ones (the watcher is rate-limited far below it).</summary>
    public const int Capacity = 10_000;
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger<EventOutbox> _logger;

    public EventOutbox(AgentRuntimeOptions options, ILogger<EventOutbox> logger)
    {
        _logger = logger;
        DataDirectory.Ensure(options.DataDirectory);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.DataDirectory, FileName),
            Pooling = false,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, payload TEXT NOT NULL) WITHOUT ROWID;");
    }

    public async Task AddAsync(IReadOnlyList<NetworkEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
            return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR IGNORE INTO events (id, payload) VALUES ($id, $payload);";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var payload = insert.Parameters.Add("$payload", SqliteType.Text);
            foreach (var e in events)
            {
                // Guid.ToString("N") of a UUIDv7 sorts by time as text.
                id.Value = e.Id.ToString("N");
                payload.Value = JsonSerializer.Serialize(e, LinkwatchJsonContext.Default.NetworkEvent);
                insert.ExecuteNonQuery();
            }
            using var trim = _connection.CreateCommand();
            trim.Transaction = transaction;
            trim.CommandText = "DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY id DESC LIMIT -1 OFFSET $capacity);";
            trim.Parameters.AddWithValue("$capacity", Capacity);
            if (trim.ExecuteNonQuery() is > 0 and var dropped)
                Log.DroppedOldest(_logger, dropped, Capacity);
            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The oldest unsent events; unreadable entries are dropped.</summary>
    public async Task<IReadOnlyList<NetworkEvent>> PeekAsync(int max, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT id, payload FROM events ORDER BY id LIMIT $max;";
            select.Parameters.AddWithValue("$max", max);
            var events = new List<NetworkEvent>();
            var corrupt = new List<string>();
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    try
                    {
                        if (JsonSerializer.Deserialize(reader.GetString(1), LinkwatchJsonContext.Default.NetworkEvent) is { } e)
                            events.Add(e);
                        else
                            corrupt.Add(reader.GetString(0));
                    }
                    catch (JsonException)
                    {
                        corrupt.Add(reader.GetString(0));
                    }
                }
            }
            DeleteCore(corrupt);
            return events;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DeleteAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            DeleteCore(ids.Select(i => i.ToString("N")));
        }
        finally
        {
            _gate.Release();
        }
    }

    private void DeleteCore(IEnumerable<string> ids)
    {
        using var transaction = _connection.BeginTransaction();
        using var delete = _connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM events WHERE id = $id;";
        var parameter = delete.Parameters.Add("$id", SqliteType.Text);
        foreach (var id in ids)
        {
            parameter.Value = id;
            delete.ExecuteNonQuery();
        }
        transaction.Commit();
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
        [LoggerMessage(1, LogLevel.Warning, "Event queue full ({Capacity} events): dropped the {Count} oldest unsent events")]
        public static partial void DroppedOldest(ILogger logger, int count, int capacity);
    }
}
