using Linkwatch.Server.Tests.Support;
using System.Net;

namespace Linkwatch.Server.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task Readyz_and_healthz_answer_200_anonymously_once_started()
    {
        await using var server = await TestServer.StartAsync();
        using var anonymous = server.NewClient(null);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.True(File.Exists(Path.Combine(server.DataDir, "linkwatch.db")));
    }

    [Theory]
    [InlineData("Enrollment:Token", "too-short")]
    [InlineData("Api:BootstrapKey", "short")]
    [InlineData("Storage:Provider", "mysql")]
    [InlineData("Storage:RawRetentionDays", "0")]
    [InlineData("Limits:ResultsBurst", "10")]
    [InlineData("Agent:DownloadsDir", "/nonexistent/linkwatch-downloads")]
    public async Task Bad_configuration_stops_the_start_with_a_message_naming_the_key(string key, string value)
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => TestServer.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key, ex.ToString());
    }

    [Fact]
    public async Task A_typo_in_a_configuration_key_stops_the_start()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() =>
            TestServer.StartAsync(new Dictionary<string, string?> { ["Storage:DataDri"] = "/tmp/x" }));

        Assert.Contains("DataDri", ex.ToString());
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_stops_the_start()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() =>
            TestServer.StartAsync(new Dictionary<string, string?> { ["Storage:Provider"] = "postgres" }));

        Assert.Contains("ConnectionStrings:Postgres", ex.ToString());
    }
}
