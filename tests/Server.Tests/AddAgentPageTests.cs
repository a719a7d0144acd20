using Linkwatch.Server.Tests.Support;

namespace Linkwatch.Server.Tests;

public sealed class AddAgentPageTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Add_agent_page_gives_copy_paste_commands_for_this_server_without_the_token()
    {
        using var browser = await _server.SignInAsync();
        var page = await browser.GetStringAsync("/add-agent").WaitAsync(TimeSpan.FromSeconds(30));
        var origin = _server.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.Contains($"curl -fsSL {origin}/install/agent.sh | sudo sh -s -- --token TOKEN --name edge-1", page);
        Assert.Contains($"enroll --server {origin} --token TOKEN", page);
        Assert.DoesNotContain("dotnet run", page);
        Assert.DoesNotContain(TestServer.EnrollToken, page);
        Assert.DoesNotContain(TestServer.ApiKey, page);
    }
}
