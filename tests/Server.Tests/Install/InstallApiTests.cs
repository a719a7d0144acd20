using System.Net;
using System.Net.Sockets;
using System.Text;
using Linkwatch.Server.Tests.Support;

namespace Linkwatch.Server.Tests.Install;

/// <summary>The anonymous install endpoints: the script with this server's URL in it, and only the agent builds as downloads.</summary>
public sealed class InstallApiTests : IAsyncLifetime
{
    private readonly TempDirectory _downloads = new("downloads");
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_downloads.Path, "linkwatch-agent-linux-x64"), "binary bytes");
        await File.WriteAllTextAsync(Path.Combine(_downloads.Path, "linkwatch-agent-linux-x64.sha256"), "abc  linkwatch-agent-linux-x64\n");
        await File.WriteAllTextAsync(Path.Combine(_downloads.Path, "secret.txt"), "not for download");
        _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Agent:DownloadsDir"] = _downloads.Path });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _downloads.Dispose();
    }

    [Fact]
    public async Task Install_script_is_anonymous_and_carries_the_url_it_was_fetched_from()
    {
        using var anonymous = _server.NewClient(null);
        using var response = await anonymous.GetAsync("/install/agent.sh").WaitAsync(TestServer.Timeout);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("#!/bin/sh", script);
        Assert.Contains($"LINKWATCH_SERVER='{_server.BaseAddress.GetLeftPart(UriPartial.Authority)}'\n", script);
        Assert.DoesNotContain("@LINKWATCH_SERVER@", script);
    }

    [Fact]
    public async Task Install_script_uses_the_public_url_when_one_is_configured()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Server:PublicUrl"] = "https://monitor.example.com/lw/" });
        using var anonymous = server.NewClient(null);
        var script = await anonymous.GetStringAsync("/install/agent.sh").WaitAsync(TestServer.Timeout);
        Assert.Contains("LINKWATCH_SERVER='https://monitor.example.com/lw'\n", script);
    }

    [Theory]
    [InlineData("x';touch${IFS}/tmp/pwned;'")]
    [InlineData("a$(id)b")]
    [InlineData("a`id`b")]
    public async Task A_host_header_with_shell_characters_is_a_400_naming_host_and_never_reaches_the_script(string host)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port).WaitAsync(TestServer.Timeout);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /install/agent.sh HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")).AsTask().WaitAsync(TestServer.Timeout);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync().WaitAsync(TestServer.Timeout);
        Assert.StartsWith("HTTP/1.1 400", answer);
        Assert.DoesNotContain("LINKWATCH_SERVER=", answer);
        Assert.DoesNotContain("#!/bin/sh", answer);
    }

    [Fact]
    public async Task Downloads_serve_only_the_agent_builds_and_their_checksums()
    {
        using var anonymous = _server.NewClient(null);
        using var binary = await anonymous.GetAsync("/downloads/linkwatch-agent-linux-x64").WaitAsync(TestServer.Timeout);
        Assert.Equal(HttpStatusCode.OK, binary.StatusCode);
        Assert.Equal("application/octet-stream", binary.Content.Headers.ContentType?.MediaType);
        Assert.Equal("binary bytes", await binary.Content.ReadAsStringAsync());
        Assert.Equal("abc  linkwatch-agent-linux-x64\n", await anonymous.GetStringAsync("/downloads/linkwatch-agent-linux-x64.sha256"));

        foreach (var path in new[]
                 {
                     "/downloads/secret.txt", "/downloads/linkwatch-agent-linux-arm64", "/downloads/..%2Fsecret.txt",
                     "/downloads/linkwatch-agent-linux-x64%2F..%2Fsecret.txt", "/downloads/%2Fetc%2Fpasswd", "/downloads/linkwatch-agent-win-x64",
                 })
        {
            using var response = await anonymous.GetAsync(path).WaitAsync(TestServer.Timeout);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }
    }
}
