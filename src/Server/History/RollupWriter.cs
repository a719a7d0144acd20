using System.Data.Common;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Linkwatch.Server.History;

/// <summary>
/// Writes freshly computed rollup rows over the stored ones (<c>INSERT ... ON CONFLICT (key) DO UPDATE</c>) and deletes
/// the buckets left with no results, inside the caller's transaction and without the change tracker: a run at a
/// fleet's rate writes tens of thousands of rows. Table, column names and store types come from the EF model.
/// SQLite (in process): one prepared statement, a row at a time. PostgreSQL: a chunk of rows per statement, each
/// column one array parameter expanded with <c>unnest</c>.
/// </summary>
public sealed class RollupWriter : IDisposable
{
    private const int PostgresChunk = 2000;

    private static readonly (string Name, Func<Rollup, object?> Get)[] Accessors =
    [
        (nameof(Rollup.Step), r => r.Step),
        (nameof(Rollup.CheckId), r => r.CheckId),
        (nameof(Rollup.AgentId), r => r.AgentId),
        (nameof(Rollup.Family), r => r.Family),
        (nameof(Rollup.Start), r => r.Start),
        (nameof(Rollup.Count), r => r.Count),
        (nameof(Rollup.Up), r => r.Up),
        (nameof(Rollup.Degraded), r => r.Degraded),
        (nameof(Rollup.Down), r => r.Down),
        (nameof(Rollup.Samples), r => r.Samples),
        (nameof(Rollup.Min), r => r.Min),
        (nameof(Rollup.Avg), r => r.Avg),
        (nameof(Rollup.Max), r => r.Max),
        (nameof(Rollup.P50), r => r.P50),
        (nameof(Rollup.P95), r => r.P95),
        (nameof(Rollup.P99), r => r.P99),
    ];

    /// <summary>The key columns come first in <see cref="Accessors"/>.</summary>
    private const int KeyColumns = 5;

    private readonly bool _postgres;
    private readonly (IProperty Property, RelationalTypeMapping Mapping, Func<Rollup, object?> Get)[] _columns;
    private readonly DbCommand _upsert;
    private readonly DbCommand _delete;

    public RollupWriter(LinkwatchDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(Rollup))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        _postgres = db.Database.IsNpgsql();
        _columns = [.. Accessors.Select(a =>
        {
            var property = entity.FindProperty(a.Name)!;
            return (property, (RelationalTypeMapping)property.GetRelationalTypeMapping(), a.Get);
        })];
        var names = _columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)).ToArray();
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        var key = string.Join(", ", names.Take(KeyColumns));
        var set = string.Join(", ", names.Skip(KeyColumns).Select(n => $"{n} = excluded.{n}"));
        var parameters = string.Join(", ", names.Select((_, i) => "@p" + i));
        var source = _postgres ? $"SELECT * FROM unnest({parameters})" : $"VALUES ({parameters})";
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var connection = db.Database.GetDbConnection();

        _upsert = connection.CreateCommand();
        _upsert.Transaction = transaction;
        _upsert.CommandText = $"INSERT INTO {tableName} ({string.Join(", ", names)}) {source} ON CONFLICT ({key}) DO UPDATE SET {set}";
        _delete = connection.CreateCommand();
        _delete.Transaction = transaction;
        _delete.CommandText = $"DELETE FROM {tableName} WHERE " + string.Join(" AND ", names.Take(KeyColumns).Select((n, i) => $"{n} = @k{i}"));
    }

    /// <summary>Stores every row with a count over the stored one; a row with no results deletes its bucket.</summary>
    public async Task WriteAsync(IReadOnlyList<Rollup> rows, CancellationToken ct)
    {
        var live = new List<Rollup>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Count > 0)
                live.Add(row);
            else
                await DeleteAsync(row, ct);
        }
        if (_postgres)
        {
            for (var start = 0; start < live.Count; start += PostgresChunk)
                await UpsertChunkAsync(live.GetRange(start, Math.Min(PostgresChunk, live.Count - start)), ct);
            return;
        }
        foreach (var row in live)
            await UpsertOneAsync(row, ct);
    }

    private async Task UpsertOneAsync(Rollup row, CancellationToken ct)
    {
        _upsert.Parameters.Clear();
        for (var i = 0; i < _columns.Length; i++)
        {
            var (property, mapping, get) = _columns[i];
            _upsert.Parameters.Add(mapping.CreateParameter(_upsert, "@p" + i, get(row), property.IsNullable));
        }
        await _upsert.ExecuteNonQueryAsync(ct);
    }

    private async Task UpsertChunkAsync(List<Rollup> rows, CancellationToken ct)
    {
        _upsert.Parameters.Clear();
        for (var i = 0; i < _columns.Length; i++)
        {
            var (property, mapping, get) = _columns[i];
            var type = property.ClrType;
            var array = Array.CreateInstance(type, rows.Count);
            for (var r = 0; r < rows.Count; r++)
                array.SetValue(get(rows[r]), r);
            _upsert.Parameters.Add(new NpgsqlParameter { ParameterName = "p" + i, DataTypeName = mapping.StoreType + "[]", Value = array });
        }
        await _upsert.ExecuteNonQueryAsync(ct);
    }

    private async Task DeleteAsync(Rollup row, CancellationToken ct)
    {
        _delete.Parameters.Clear();
        for (var i = 0; i < KeyColumns; i++)
        {
            var (property, mapping, get) = _columns[i];
            _delete.Parameters.Add(mapping.CreateParameter(_delete, "@k" + i, get(row), property.IsNullable));
        }
        await _delete.ExecuteNonQueryAsync(ct);
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _delete.Dispose();
    }
}
