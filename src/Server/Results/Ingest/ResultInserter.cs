using System.Data.Common;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Linkwatch.Server.Results.Ingest;

/// <summary>
/// <c>INSERT ... ON CONFLICT (Id) DO NOTHING</c> for result rows inside the caller's transaction.
/// Bypasses the change tracker (the hot path) but takes table, column names, store types and parameter
/// conversions from the EF model, so it stays right for SQLite and PostgreSQL alike.
/// SQLite (in process, no round trips): one reused command, one row at a time.
/// PostgreSQL (a round trip per statement): one statement per chunk of rows, each column sent as one
/// array parameter and expanded with <c>unnest</c>; <c>RETURNING</c> tells which rows were new.
/// </summary>
public sealed class ResultInserter : IDisposable
{
    /// <summary>Rows per PostgreSQL statement: bounds the arrays' size; the writer sends at most 2000 per transaction.</summary>
    public const int PostgresChunk = 2000;

    private readonly DbCommand _command;
    private readonly bool _postgres;
    private readonly (IProperty Property, RelationalTypeMapping Mapping, Func<Result, object?> Get)[] _columns;

    public ResultInserter(LinkwatchDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(Result))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        _postgres = db.Database.IsNpgsql();
        _columns = [.. Accessors.Select(a =>
        {
            var property = entity.FindProperty(a.Name)!;
            return (property, (RelationalTypeMapping)property.GetRelationalTypeMapping(), a.Get);
        })];
        var names = string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)));
        var key = sql.DelimitIdentifier(entity.FindPrimaryKey()!.Properties[0].GetColumnName(table)!);
        var into = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names})";

        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (_postgres)
        {
            var arrays = string.Join(", ", _columns.Select((_, i) => "@p" + i));
            _command.CommandText = $"{into} SELECT * FROM unnest({arrays}) ON CONFLICT ({key}) DO NOTHING RETURNING {key}";
        }
        else
        {
            var values = string.Join(", ", _columns.Select((_, i) => "@p" + i));
            _command.CommandText = $"{into} VALUES ({values}) ON CONFLICT ({key}) DO NOTHING";
        }
    }

    /// <summary>Inserts the rows whose ids are not stored yet; returns the ids that were new.</summary>
    public async Task<HashSet<Guid>> InsertAsync(IReadOnlyList<Result> rows, CancellationToken cancellationToken)
    {
        var inserted = new HashSet<Guid>();
        if (_postgres)
        {
            for (var start = 0; start < rows.Count; start += PostgresChunk)
                await InsertChunkAsync(rows.Skip(start).Take(PostgresChunk).ToList(), inserted, cancellationToken);
            return inserted;
        }
        foreach (var row in rows)
        {
            if (await InsertOneAsync(row, cancellationToken))
                inserted.Add(row.Id);
        }
        return inserted;
    }

    private async Task<bool> InsertOneAsync(Result row, CancellationToken cancellationToken)
    {
        _command.Parameters.Clear();
        for (var i = 0; i < _columns.Length; i++)
        {
            var (property, mapping, get) = _columns[i];
            // CreateParameter applies the provider's conversion (e.g. SQLite's upper-case TEXT Guid).
            _command.Parameters.Add(mapping.CreateParameter(_command, "@p" + i, get(row), property.IsNullable));
        }
        return await _command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task InsertChunkAsync(List<Result> rows, HashSet<Guid> inserted, CancellationToken cancellationToken)
    {
        _command.Parameters.Clear();
        for (var i = 0; i < _columns.Length; i++)
        {
            var (property, mapping, get) = _columns[i];
            var converter = mapping.Converter;
            var array = Array.CreateInstance(converter?.ProviderClrType ?? property.ClrType, rows.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                var value = get(rows[r]);
                // PostgreSQL text cannot hold NUL (SQLite can); one in an agent's message must not fail the batch forever.
                if (value is string text && text.Contains('\0', StringComparison.Ordinal))
                    value = text.Replace('\0', '\uFFFD');
                array.SetValue(converter is null || value is null ? value : converter.ConvertToProvider(value), r);
            }
            // The column's own store type as an array (uuid[], bigint[], text[]), so unnest yields the column types.
            _command.Parameters.Add(new NpgsqlParameter { ParameterName = "p" + i, DataTypeName = mapping.StoreType + "[]", Value = array });
        }
        await using var reader = await _command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            inserted.Add(reader.GetGuid(0));
    }

    public void Dispose() => _command.Dispose();

    private static readonly (string Name, Func<Result, object?> Get)[] Accessors =
    [
        (nameof(Result.Id), r => r.Id),
        (nameof(Result.CheckId), r => r.CheckId),
        (nameof(Result.AgentId), r => r.AgentId),
        (nameof(Result.StartedAt), r => r.StartedAt),
        (nameof(Result.ReceivedAt), r => r.ReceivedAt),
        (nameof(Result.Status), r => r.Status),
        (nameof(Result.Verdict), r => r.Verdict),
        (nameof(Result.Family), r => r.Family),
        (nameof(Result.Address), r => r.Address),
        (nameof(Result.Phases), r => r.Phases),
        (nameof(Result.Attempts), r => r.Attempts),
        (nameof(Result.Message), r => r.Message),
        (nameof(Result.Error), r => r.Error),
        (nameof(Result.Peer), r => r.Peer),
    ];
}
