using Linkwatch.Server.Health;
using Linkwatch.Server.Options;
using Linkwatch.Server.Store;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Extensions;

public static class StoreExtensions
{
    /// <summary>The EF Core store (provider chosen by <c>Storage:Provider</c>) and its migration at start.</summary>
    public static IServiceCollection AddLinkwatchStore(this IServiceCollection services)
    {
        services.AddSingleton<SqlitePragmaInterceptor>();
        // Options are read when the first context is built, so test hosts and env vars can still change them.
        services.AddDbContext<LinkwatchDbContext>((sp, options) => Configure(options, sp));
        services.AddSingleton<Readiness>();
        services.AddHostedService<MigrationService>();
        services.AddHostedService<RetentionService>();

        // Authentication brings data protection; its keys belong with the data, not in $HOME.
        services.AddDataProtection();
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>, ILoggerFactory>((o, storage, loggers) =>
            o.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(Path.GetFullPath(storage.Value.DataDir), "keys")), loggers));
        return services;
    }

    private static void Configure(DbContextOptionsBuilder options, IServiceProvider sp)
    {
        var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.IsPostgres)
        {
            options.UseNpgsql(sp.GetRequiredService<IConfiguration>().GetConnectionString("Postgres"));
        }
        else
        {
            options.UseSqlite(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = storage.SqlitePath, Pooling = true }.ToString())
                .AddInterceptors(sp.GetRequiredService<SqlitePragmaInterceptor>());
        }
    }
}
