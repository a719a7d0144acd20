namespace Linkwatch.Server.Notifications;

/// <summary>
/// Encrypts channel settings stored in clear text by an older version, once, before the server is ready, and
/// rewrites a SQLite file so the clear text is gone from it, not only unreferenced.
/// </summary>
public sealed partial class ChannelSettingsUpgrade(ChannelSettingsProtection protection, ILogger<ChannelSettingsUpgrade> logger) : IStoreSeeder
{
    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<LinkwatchDbContext>();
        var clear = await db.Channels.Where(c => !c.Settings.StartsWith(ChannelSettingsProtection.Prefix)).ToListAsync(cancellationToken);
        if (clear.Count == 0)
            return;
        foreach (var channel in clear)
            channel.Settings = protection.Protect(channel.Settings);
        await db.SaveChangesAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // The old values stay in freed pages of the file and in the WAL until both are rewritten.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("VACUUM;", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
        Log.Encrypted(logger, clear.Count);
    }
}
