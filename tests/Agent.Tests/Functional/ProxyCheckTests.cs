using System.Text.Json;
using Linkwatch.Agent.Probes;
using Linkwatch.Shared;
using Microsoft.AspNetCore.Builder;

namespace Linkwatch.Agent.Tests.Functional;

/// <summary>http and websocket checks through a real CONNECT proxy (tinyproxy) on loopback.</summary>
public sealed class ProxyCheckTests : IAsyncLifetime
{
    private TinyProxy? _proxy;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Await);
        _proxy = await TinyProxy.StartAsync(cts.Token);
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
            await _proxy.DisposeAsync();
    }

    private static async Task<CheckOutcome> RunAsync(string kind, string url, object options)
    {
        var request = new CheckRequest(kind, url, Families.Auto, TimeSpan.FromSeconds(5),
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(options))!);
        return await new CheckRunner().RunAsync(request, CancellationToken.None).OrTimeout();
    }

    [Fact]
    public async Task Plain_http_goes_to_the_proxy_and_the_attempt_names_the_proxy_address()
    {
        var (app, address) = await LoopbackKestrel.StartAsync(a => a.MapGet("/", () => "through the proxy"));
        await using var _ = app;
        var url = new Uri(address, "/").ToString();
        var outcome = await RunAsync(CheckKinds.Http, url, new { proxy = _proxy!.Url, expectBody = "through the proxy" });
        Assert.True(outcome.Verdict == Verdicts.Ok, outcome.Message + "\n" + _proxy.Describe());
        Assert.Contains(url, _proxy.Forwarded());
        var attempt = Assert.Single(outcome.Attempts);
        Assert.Equal("127.0.0.1", attempt.Address);
    }

    [Fact]
    public async Task Https_is_tunnelled_with_connect_and_the_certificate_is_still_checked()
    {
        using var certificate = TestCertificates.Valid();
        using var directory = new TempDirectory("proxy-ca");
        var (app, address) = await LoopbackKestrel.StartAsync(a => a.MapGet("/", () => "tls through the proxy"), certificate);
        await using var _ = app;
        var url = $"https://localhost:{address.Port}/";
        var outcome = await RunAsync(CheckKinds.Http, url,
            new { proxy = _proxy!.Url, caFile = TestCertificates.WritePem(certificate, directory.Path), expectBody = "tls through the proxy" });
        Assert.True(outcome.Verdict == Verdicts.Ok, outcome.Message + "\n" + _proxy.Describe());
        Assert.Contains($"localhost:{address.Port}", _proxy.Tunnels());
        Assert.Contains(Phases.Tls, outcome.Attempts[0].Phases.Keys);

        var untrusted = await RunAsync(CheckKinds.Http, url, new { proxy = _proxy.Url });
        Assert.Equal(Verdicts.CertInvalid, untrusted.Verdict);
    }

    [Fact]
    public async Task Websocket_upgrade_goes_through_a_connect_tunnel()
    {
        await using var server = await WebSocketTestServer.StartAsync(WebSocketBehavior.Echo);
        var outcome = await RunAsync(CheckKinds.WebSocket, $"ws://127.0.0.1:{server.Port}/ws", new { proxy = _proxy!.Url, echo = true });
        Assert.True(outcome.Verdict == Verdicts.Ok, outcome.Message + "\n" + _proxy.Describe());
        Assert.Contains($"127.0.0.1:{server.Port}", _proxy.Tunnels());
    }

    [Fact]
    public async Task A_proxy_that_cannot_reach_the_target_is_a_failure_naming_the_proxy()
    {
        var port = Listeners.ClosedPort(System.Net.IPAddress.Loopback);
        var outcome = await RunAsync(CheckKinds.Http, $"https://127.0.0.1:{port}/", new { proxy = _proxy!.Url });
        Assert.Equal(Statuses.Down, outcome.Status);
        Assert.Contains("proxy", outcome.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_the_proxy_option_the_check_goes_direct()
    {
        var (app, address) = await LoopbackKestrel.StartAsync(a => a.MapGet("/", () => "direct"));
        await using var _ = app;
        var outcome = await RunAsync(CheckKinds.Http, new Uri(address, "/").ToString(), new { expectBody = "direct" });
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
        Assert.Empty(_proxy!.Forwarded());
        Assert.Empty(_proxy.Tunnels());
    }
}
