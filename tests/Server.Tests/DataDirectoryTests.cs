using Linkwatch.Server.Tests.Support;

namespace Linkwatch.Server.Tests;

/// <summary>The data directory holds the store, secrets and keys: the owner's alone.</summary>
public sealed class DataDirectoryTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_data_directory_is_0700_and_the_store_and_secrets_0600_even_when_it_existed_open()
    {
        var parent = Directory.CreateTempSubdirectory("linkwatch-datadir-").FullName;
        var data = Path.Combine(parent, "data");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, (UnixFileMode)Convert.ToInt32("755", 8));
        try
        {
            // No configured secrets: the server generates them into the data directory.
            await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
            {
                ["Storage:DataDir"] = data, ["Api:BootstrapKey"] = null, ["Enrollment:Token"] = null,
            });
            Assert.Equal("700", Mode(data));
            Assert.Equal("700", Mode(Path.Combine(data, "keys")));
            foreach (var file in new[] { "linkwatch.db", "api-key", "enrollment-token" })
                Assert.Equal("600", Mode(Path.Combine(data, file)));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8);
}
