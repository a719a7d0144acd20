using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Linkwatch.Server.Platform.Store;

/// <summary>
/// synchronous=NORMAL is per connection: with WAL it keeps commits durable against process crashes
/// and costs far fewer fsyncs than FULL, which matters for the ingest hot path.
/// (journal_mode=WAL is persistent in the file and set once at migration.)
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
