using System.Net;
using System.Text.RegularExpressions;
using Linkwatch.Server.Tests.Support;

namespace Linkwatch.Server.Tests.Accounts;

public sealed class AnonymousAccessTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/checks/1")]
    [InlineData("/agents/local")]
    [InlineData("/alerts")]
    [InlineData("/alerts/1")]
    [InlineData("/mesh")]
    [InlineData("/add-agent")]
    [InlineData("/no-such-page")]
    public async Task Pages_send_an_anonymous_browser_to_the_login_page(string path)
    {
        using var browser = _server.NewBrowser();
        var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/login?ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.PathAndQuery);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The cookie scheme answers SignalR's endpoints 401 rather than a redirect: a script, not a person, asks.</summary>
    [Fact]
    public async Task The_circuit_refuses_an_anonymous_negotiate()
    {
        using var browser = _server.NewBrowser();
        var response = await browser.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("connectionToken", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/checks")]
    [InlineData("/api/agents")]
    [InlineData("/api/no-such-thing")]
    [InlineData("/metrics")]
    public async Task The_api_answers_an_anonymous_caller_401_not_a_redirect(string path)
    {
        var response = await _server.NewBrowser().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_login_page_and_its_assets_need_no_sign_in()
    {
        using var browser = _server.NewBrowser();
        var page = await browser.GetStringAsync("/login");

        var assets = Regex.Matches(page, "(?:href|src)=\"([^\"]+\\.(?:css|js|svg))\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(assets);
        foreach (var asset in assets)
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(asset)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/readyz")).StatusCode);
    }
}
