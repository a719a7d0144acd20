namespace Linkwatch.IngestBench;

/// <summary>
/// The Results table and its indexes as the server's migrations create them on SQLite
/// (src/Server/Store/Migrations: Initial, then NetworkEvents added "Peer" with ALTER TABLE, which
/// SQLite records as " , "Peer" TEXT NULL" at the end of the table's SQL). The bench compares this with the
/// server's own file after the run, so a schema change shows up instead of skewing the raw limit.
/// </summary>
public static class ResultsSchema
{
    public static readonly IReadOnlyList<string> Ddl =
    [
        """
        CREATE TABLE "Results" (
            "Id" TEXT NOT NULL CONSTRAINT "PK_Results" PRIMARY KEY,
            "CheckId" INTEGER NOT NULL,
            "AgentId" INTEGER NOT NULL,
            "StartedAt" INTEGER NOT NULL,
            "ReceivedAt" INTEGER NOT NULL,
            "Status" TEXT NOT NULL,
            "Verdict" TEXT NOT NULL,
            "Family" TEXT NULL,
            "Address" TEXT NULL,
            "Phases" TEXT NULL,
            "Attempts" TEXT NULL,
            "Message" TEXT NULL,
            "Error" TEXT NULL , "Peer" TEXT NULL
        )
        """,
        """CREATE INDEX "IX_Results_AgentId_StartedAt" ON "Results" ("AgentId", "StartedAt")""",
        """CREATE INDEX "IX_Results_CheckId_StartedAt" ON "Results" ("CheckId", "StartedAt")""",
        """CREATE INDEX "IX_Results_CheckId_Peer" ON "Results" ("CheckId", "Peer")""",
    ];

    public static readonly string[] Columns =
        ["Id", "CheckId", "AgentId", "StartedAt", "ReceivedAt", "Status", "Verdict", "Family", "Address", "Phases", "Attempts", "Message", "Error", "Peer"];

    /// <summary>The same statement shape the server's writer uses: idempotent on the id.</summary>
    public static string InsertSql =>
        $"""INSERT INTO "Results" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))}) ON CONFLICT ("Id") DO NOTHING""";

    /// <summary>SQL text with whitespace runs collapsed, for comparing DDL.</summary>
    public static string Normalize(string sql) =>
        string.Join(' ', sql.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Replace("( ", "(", StringComparison.Ordinal).Replace(" )", ")", StringComparison.Ordinal);
}
