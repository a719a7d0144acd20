using System.IO.Compression;
using Linkwatch.Server.Platform.Options;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Platform.Backup;

/// <summary>
/// A consistent copy of the running store and of the Data Protection keys that decrypt its channel secrets (and
/// sign the sign-in cookies), as one zip: <c>linkwatch.db</c> (SQLite only) and <c>keys/*.xml</c>.
/// The SQLite copy is <c>VACUUM INTO</c>: one read transaction, so a copy taken while results stream is a single
/// point in time, compacted, with no WAL to go with it. PostgreSQL is copied with <c>pg_dump</c> instead
/// (docs/operations.md); its backup holds the keys only.
/// </summary>
public sealed partial class StoreBackup(IOptions<StorageOptions> storage, TimeProvider time, ILogger<StoreBackup> logger)
{
    public const string DatabaseEntry = "linkwatch.db";
    public const string KeysFolder = "keys";
    /// <summary>Where copies are built: owner-only, inside the data directory, emptied of leftovers at each backup.</summary>
    public const string WorkFolder = "backup-work";

    // One copy at a time: each reads the whole store and needs its size again in free space.
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>The path of a finished zip (the caller deletes it), or null when another backup is running.</summary>
    public async Task<string?> CreateAsync(CancellationToken cancellationToken)
    {
        if (!await _one.WaitAsync(TimeSpan.Zero, cancellationToken))
            return null;
        try
        {
            var dataDir = Path.GetFullPath(storage.Value.DataDir);
            var work = Path.Combine(dataDir, WorkFolder);
            DataDirectory.Ensure(work);
            foreach (var leftover in Directory.GetFiles(work))
                File.Delete(leftover);
            var id = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var zipPath = Path.Combine(work, $"linkwatch-backup-{id}.zip");
            string? copy = null;
            try
            {
                if (!storage.Value.IsPostgres)
                {
                    copy = Path.Combine(work, "linkwatch-copy.db");
                    await CopySqliteAsync(storage.Value.SqlitePath, copy, cancellationToken);
                }
                // The work folder is owner-only already; the files are made so too, as the rest of the data directory.
                await using (var zipFile = new FileStream(zipPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                await using (var zip = new ZipArchive(zipFile, ZipArchiveMode.Create))
                {
                    if (copy is not null)
                        await zip.CreateEntryFromFileAsync(copy, DatabaseEntry, CompressionLevel.Fastest, cancellationToken);
                    var keys = Path.Combine(dataDir, KeysFolder);
                    var keyFiles = Directory.Exists(keys) ? Directory.GetFiles(keys, "*.xml") : [];
                    foreach (var key in keyFiles)
                        await zip.CreateEntryFromFileAsync(key, KeysFolder + "/" + Path.GetFileName(key), CompressionLevel.Optimal, cancellationToken);
                    Log.Created(logger, zipPath, copy is null ? 0 : new FileInfo(copy).Length, keyFiles.Length);
                }
                DataDirectory.RestrictFiles(work, "*");
                return zipPath;
            }
            catch
            {
                File.Delete(zipPath);
                throw;
            }
            finally
            {
                if (copy is not null)
                    File.Delete(copy);
            }
        }
        finally
        {
            _one.Release();
        }
    }

    private static async Task CopySqliteAsync(string source, string target, CancellationToken cancellationToken)
    {
        // A connection of its own: the copy's read transaction must not hold a pooled connection the server needs.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = source, Pooling = false, DefaultTimeout = 60,
        }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var vacuum = connection.CreateCommand();
        vacuum.CommandText = "VACUUM INTO $target;";
        vacuum.Parameters.AddWithValue("$target", target);
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
    }
}
