using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Server.ConfigAsCode;
using Linkwatch.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Tests.ConfigAsCode;

public sealed class ConfigFileTests
{
    private const string Valid = """
        checks:
          - {name: gateway, kind: tcp, target: "gw.test:443", intervalSeconds: 10}
          - {name: dns, kind: dns, target: example.test, intervalSeconds: 30, options: {server: "127.0.0.1:53"}}
        """;

    [Fact]
    public async Task The_file_is_applied_at_start_and_again_at_the_next_start_without_a_change()
    {
        using var dir = new TempDirectory("linkwatch-config-file-");
        var file = Path.Combine(dir.Path, "linkwatch.yaml");
        await File.WriteAllTextAsync(file, Valid);

        await using (var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Config:File"] = file }))
        {
            var checks = await server.Api.GetFromJsonAsync<JsonElement>("/api/checks");
            Assert.Equal(["gateway", "dns"], checks.EnumerateArray().Select(c => c.GetProperty("name").GetString()));

            // The running server's export is the file's content: applying it again changes nothing.
            await using var scope = server.Services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<ConfigService>().RunAsync(Valid, apply: false, CancellationToken.None);
            Assert.True(outcome.Ok);
            Assert.Empty(outcome.Changes);
        }
    }

    [Fact]
    public async Task A_file_with_an_error_stops_the_start_naming_the_path_and_applies_nothing()
    {
        await using var server = await TestServer.StartAsync();
        using var dir = new TempDirectory("linkwatch-config-file-");
        var file = Path.Combine(dir.Path, "linkwatch.yaml");
        await File.WriteAllTextAsync(file, Valid.Replace("intervalSeconds: 30", "intervalSecnds: 30", StringComparison.Ordinal));
        var seeder = new ConfigFileSeeder(Options.Create(new ConfigOptions { File = file }), NullLogger<ConfigFileSeeder>.Instance);

        await using var scope = server.Services.CreateAsyncScope();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => seeder.SeedAsync(scope.ServiceProvider, CancellationToken.None));

        Assert.Contains("Config:File", error.Message);
        Assert.Contains("checks[1].intervalSecnds", error.Message);
        Assert.Equal(0, (await server.Api.GetFromJsonAsync<JsonElement>("/api/checks")).GetArrayLength());
        // And a server started with it does not become ready.
        await Assert.ThrowsAnyAsync<Exception>(() => TestServer.StartAsync(new Dictionary<string, string?> { ["Config:File"] = file }));
    }

    [Fact]
    public async Task A_file_that_is_not_there_stops_the_start_naming_the_key()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() =>
            TestServer.StartAsync(new Dictionary<string, string?> { ["Config:File"] = "/nonexistent/linkwatch.yaml" }));
        Assert.Contains("Config:File", ex.ToString());
    }
}
