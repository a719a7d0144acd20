using Microsoft.Data.Sqlite;

namespace Linkwatch.IngestBench;

/// <summary>Reads the stopped server's SQLite file: the stored result count and the Results schema.</summary>
public static class ServerDatabase
{
    public static long CountResults(string databasePath)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*) FROM "Results" """;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// How the server stored one result id: SQLite's storage class and the text. The raw insert writes
    /// upper-case TEXT ids (EF Core's SQLite form); a server storing anything else would not be comparable.
    /// </summary>
    public static string SampleIdStorage(string databasePath)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT typeof("Id") || ' ' || quote("Id") FROM "Results" LIMIT 1""";
        return command.ExecuteScalar() as string ?? "(no rows)";
    }

    /// <summary>Whether the server created Results and its indexes exactly as <see cref="ResultsSchema"/> does.</summary>
    public static bool SchemaMatches(string databasePath, out string serverDdl)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT sql FROM sqlite_master WHERE tbl_name = 'Results' AND sql IS NOT NULL ORDER BY type DESC, name""";
        var server = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                server.Add(ResultsSchema.Normalize(reader.GetString(0)));
        }
        serverDdl = string.Join(";\n", server);
        var ours = ResultsSchema.Ddl.Select(ResultsSchema.Normalize).ToHashSet(StringComparer.Ordinal);
        return server.Count == ours.Count && server.All(ours.Contains);
    }

    private static SqliteConnection Open(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
