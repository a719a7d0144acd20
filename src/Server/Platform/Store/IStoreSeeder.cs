namespace Linkwatch.Server.Platform.Store;

/// <summary>
/// Rows a feature needs before the server is ready (the roles and the first admin), written after the migrations
/// and before <c>/readyz</c> says ready, so nothing can sign in or call the API into a half-seeded store.
/// </summary>
public interface IStoreSeeder
{
    Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken);
}
