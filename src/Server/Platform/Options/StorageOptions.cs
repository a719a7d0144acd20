namespace Linkwatch.Server.Platform.Options;

/// <summary>The <c>Storage</c> section: where results and configuration live.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (embedded, the default) or <c>postgres</c> (large installations, replicas).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Holds the SQLite file; relative paths are taken from the process working directory.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>Raw results older than this are deleted; rollups are kept much longer.</summary>
    public int RawRetentionDays { get; set; } = 14;

    /// <summary>Minute rollups older than this are deleted.</summary>
    public int MinuteRetentionDays { get; set; } = 30;

    /// <summary>Hour rollups older than this are deleted.</summary>
    public int HourRetentionDays { get; set; } = 400;

    /// <summary>Day rollups older than this are deleted; 0 keeps them forever.</summary>
    public int DayRetentionDays { get; set; }

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public string SqlitePath => Path.Combine(Path.GetFullPath(DataDir), "linkwatch.db");
}
