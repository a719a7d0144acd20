using System.Data.Common;
using Linkwatch.Server.Store;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Linkwatch.Server.Ingest;

/// <summary>
/// <c>INSERT ... ON CONFLICT (Id) DO NOTHING</c> for result rows, one reused command per transaction.
/// Bypasses the change tracker (the hot path) but takes table, column names and parameter
/// conversions from the EF model, so it stays right for SQLite and PostgreSQL alike.
/// </summary>
public sealed class ResultInserter : IDisposable
{
    private readonly DbCommand _command;
    private readonly (IProperty Property, RelationalTypeMapping Mapping, Func<Result, object?> Get)[] _columns;

    public ResultInserter(LinkwatchDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(Result))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        _columns = [.. Accessors.Select(a =>
        {
            var property = entity.FindProperty(a.Name)!;
            return (property, (RelationalTypeMapping)property.GetRelationalTypeMapping(), a.Get);
        })];
        var names = string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)));
        var values = string.Join(", ", _columns.Select((_, i) => "@p" + i));
        var key = sql.DelimitIdentifier(entity.FindPrimaryKey()!.Properties[0].GetColumnName(table)!);

        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        _command.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names}) VALUES ({values}) ON CONFLICT ({key}) DO NOTHING";
    }

    /// <summary>Inserts the row unless its id is stored already; true when it was new.</summary>
    public async Task<bool> InsertAsync(Result row, CancellationToken cancellationToken)
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
