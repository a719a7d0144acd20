using Linkwatch.Server.Platform.Health;
using Linkwatch.Server.Platform.Options;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Platform.Store;

/// <summary>
/// Applies migrations in the background so that <c>/healthz</c> answers during a long migration,
/// seeds what features need, then marks the server ready. A failed migration or seed stops the host.
/// </summary>
public sealed partial class MigrationService(
    IServiceScopeFactory scopes, Readiness readiness, IOptions<StorageOptions> storage, ILogger<MigrationService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await MigrateAsync(scopes, storage.Value, stoppingToken);
            await SeedAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.MigrationFailed(logger, ex);
            throw;
        }
        readiness.MarkReady();
        Log.Ready(logger, storage.Value.IsPostgres ? StorageOptions.Postgres : storage.Value.SqlitePath);
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IStoreSeeder>())
            await seeder.SeedAsync(scope.ServiceProvider, cancellationToken);
    }

    /// <summary>Creates the data directory (SQLite), switches to WAL and applies pending migrations.</summary>
    public static async Task MigrateAsync(IServiceScopeFactory scopes, StorageOptions storage, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
        if (!storage.IsPostgres)
        {
            DataDirectory.Ensure(Path.GetDirectoryName(storage.SqlitePath)!);
            // WAL lets the API read while ingest writes; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
        if (!storage.IsPostgres)
            DataDirectory.RestrictFiles(Path.GetDirectoryName(storage.SqlitePath)!, Path.GetFileName(storage.SqlitePath) + "*");
    }
}
