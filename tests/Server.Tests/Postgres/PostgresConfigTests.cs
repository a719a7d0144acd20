using Linkwatch.Server.Tests.ConfigAsCode;
using Linkwatch.Server.Tests.Support;

namespace Linkwatch.Server.Tests.Postgres;

/// <summary>Config as code on the PostgreSQL store: the round trip, and a file's creates, updates and deletes in one transaction.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConfigTests(PostgresCluster cluster)
{
    [PostgresFact]
    public async Task Export_import_and_a_file_of_changes_work_on_postgres()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Postgres"] = await cluster.CreateDatabaseAsync().WaitAsync(TimeSpan.FromSeconds(60)),
        };
        await using (var server = await TestServer.StartAsync(settings))
            await new ConfigApiTests(server).Export_then_import_round_trips_without_a_change();
        settings["ConnectionStrings:Postgres"] = await cluster.CreateDatabaseAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await using (var server = await TestServer.StartAsync(settings))
            await new ConfigApiTests(server).The_dry_run_lists_creates_updates_and_deletes_and_changes_nothing_then_apply_makes_it_so();
    }
}
