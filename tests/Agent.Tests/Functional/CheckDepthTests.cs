using System.Net;
using System.Text.Json;
using Linkwatch.Agent.Net;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.Tests.Support;
using Linkwatch.Shared;
using Microsoft.AspNetCore.Builder;

namespace Linkwatch.Agent.Tests.Functional;

/// <summary>
/// What every connection kind shares: the latency limit, certificate expiry on https and wss, a family without an
/// address, and the websocket comparison's message.
/// </summary>
public sealed class CheckDepthTests : IDisposable
{
    private readonly TempDirectory _directory = new("check-depth");

    public void Dispose() => _directory.Dispose();

    private static CheckRequest Request(string kind, string target, object? options = null, string family = Families.Auto) =>
        new(kind, target, family, TimeSpan.FromSeconds(5),
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(options is null ? "{}" : JsonSerializer.Serialize(options))!);

    /// <summary>A resolver that answers after a delay: a slow DNS server in front of a fast host.</summary>
    private sealed class SlowResolver(TimeSpan delay, params IPAddress[] addresses) : IHostResolver
    {
        public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return addresses;
        }
    }

    [Fact]
    public async Task A_tcp_connect_slower_in_total_than_max_latency_is_too_slow()
    {
        var listener = Listeners.Start(IPAddress.Loopback);
        try
        {
            var runner = new CheckRunner(ProbeRegistry.CreateDefault(), new Dialer(new SlowResolver(TimeSpan.FromMilliseconds(300), IPAddress.Loopback)));
            var target = $"slow.test:{Listeners.PortOf(listener)}";
            var slow = await runner.RunAsync(Request(CheckKinds.Tcp, target, new { maxLatencyMs = 50 }), CancellationToken.None).OrTimeout();
            Assert.Equal(Verdicts.TooSlow, slow.Verdict);
            Assert.Equal(Statuses.Degraded, slow.Status);
            Assert.Equal(Verdicts.TooSlow, Assert.Single(slow.Attempts).Verdict);

            var fine = await runner.RunAsync(Request(CheckKinds.Tcp, target, new { maxLatencyMs = 4000 }), CancellationToken.None).OrTimeout();
            Assert.Equal(Verdicts.Ok, fine.Verdict);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Max_latency_applies_per_family_with_both()
    {
        var listener = Listeners.Start(IPAddress.Loopback);
        try
        {
            var runner = new CheckRunner(ProbeRegistry.CreateDefault(),
                new Dialer(new SlowResolver(TimeSpan.FromMilliseconds(300), IPAddress.Loopback, IPAddress.IPv6Loopback)));
            var outcome = await runner.RunAsync(Request(CheckKinds.Tcp, $"slow.test:{Listeners.PortOf(listener)}", new { maxLatencyMs = 50 }, Families.Both),
                CancellationToken.None).OrTimeout();
            var v4 = outcome.Attempts.Single(a => a.Family == Families.Ipv4);
            Assert.Equal(Verdicts.TooSlow, v4.Verdict);
            Assert.Equal(Statuses.Degraded, outcome.Status);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void Max_latency_is_refused_for_kinds_without_connections()
    {
        var errors = new CheckRunner().Validate(Request(CheckKinds.Dns, "example.test", new { maxLatencyMs = 10 }));
        Assert.Contains(errors, e => e.Field == "maxLatencyMs" && e.Message.Contains("does not apply", StringComparison.Ordinal));
        var range = new CheckRunner().Validate(Request(CheckKinds.Tcp, "127.0.0.1:1", new { maxLatencyMs = 0 }));
        Assert.Contains(range, e => e.Field == "maxLatencyMs");
    }

    [Fact]
    public async Task Https_with_a_certificate_ending_in_5_days_is_cert_expiring_with_the_kinds_warning_days()
    {
        using var certificate = TestCertificates.Create(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(5));
        var (app, address) = await LoopbackKestrel.StartAsync(a => a.MapGet("/", () => "fine"), certificate);
        await using var _ = app;
        var url = $"https://localhost:{address.Port}/";
        var caFile = TestCertificates.WritePem(certificate, _directory.Path);

        var outcome = await new CheckRunner().RunAsync(Request(CheckKinds.Http, url, new { caFile }), CancellationToken.None).OrTimeout();
        Assert.Equal(Verdicts.CertExpiring, outcome.Verdict);
        Assert.Equal(Statuses.Degraded, outcome.Status);
        Assert.Contains("CN=localhost", outcome.Message);

        var lenient = await new CheckRunner().RunAsync(Request(CheckKinds.Http, url, new { caFile, expiryWarningDays = 3 }), CancellationToken.None).OrTimeout();
        Assert.Equal(Verdicts.Ok, lenient.Verdict);

        // A failing expectation is the more urgent verdict.
        var mismatch = await new CheckRunner().RunAsync(Request(CheckKinds.Http, url, new { caFile, expectBody = "nope" }), CancellationToken.None).OrTimeout();
        Assert.Equal(Verdicts.BodyMismatch, mismatch.Verdict);
    }

    [Fact]
    public async Task Https_with_an_expired_certificate_is_cert_invalid_even_with_insecure()
    {
        using var certificate = TestCertificates.Create(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        var (app, address) = await LoopbackKestrel.StartAsync(a => a.MapGet("/", () => "fine"), certificate);
        await using var _ = app;
        var url = $"https://localhost:{address.Port}/";
        var insecure = await new CheckRunner().RunAsync(Request(CheckKinds.Http, url, new { insecure = true }), CancellationToken.None).OrTimeout();
        Assert.Equal(Verdicts.CertInvalid, insecure.Verdict);
        Assert.Contains("expired", insecure.Message);
        var strict = await new CheckRunner().RunAsync(Request(CheckKinds.Http, url), CancellationToken.None).OrTimeout();
        Assert.Equal(Verdicts.CertInvalid, strict.Verdict);
    }

    [Fact]
    public async Task Wss_with_a_certificate_ending_in_5_days_is_cert_expiring()
    {
        using var certificate = TestCertificates.Create(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(5));
        await using var server = await WebSocketTestServer.StartAsync(WebSocketBehavior.Echo, certificate);
        var caFile = TestCertificates.WritePem(certificate, _directory.Path);
        var outcome = await new CheckRunner().RunAsync(
            Request(CheckKinds.WebSocket, $"wss://localhost:{server.Port}/ws", new { caFile, echo = true }), CancellationToken.None).OrTimeout();
        Assert.Equal(Verdicts.CertExpiring, outcome.Verdict);
        Assert.Equal(Statuses.Degraded, outcome.Status);
    }

    [Fact]
    public async Task A_family_without_an_address_is_no_address_with_attempt_status_absent()
    {
        var listener = Listeners.Start(IPAddress.Loopback);
        try
        {
            var runner = new CheckRunner(ProbeRegistry.CreateDefault(),
                new Dialer(new FixedResolver(new() { ["v4only.test"] = [IPAddress.Loopback] })));
            var target = $"v4only.test:{Listeners.PortOf(listener)}";

            var both = await runner.RunAsync(Request(CheckKinds.Tcp, target, family: Families.Both), CancellationToken.None).OrTimeout();
            Assert.Equal(Statuses.Up, both.Status);
            Assert.Equal(Verdicts.Ok, both.Verdict);
            var v6 = both.Attempts.Single(a => a.Family == Families.Ipv6);
            Assert.Equal(Verdicts.NoAddress, v6.Verdict);
            Assert.Equal(Statuses.Absent, v6.Status);

            var only = await runner.RunAsync(Request(CheckKinds.Tcp, target, family: Families.Ipv6), CancellationToken.None).OrTimeout();
            Assert.Equal(Verdicts.NoAddress, only.Verdict);
            Assert.Equal(Statuses.Up, only.Status);
            Assert.Equal(Statuses.Absent, Assert.Single(only.Attempts).Status);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Websocket_comparison_names_the_address_each_protocol_used()
    {
        await using var server = await WebSocketTestServer.StartAsync(WebSocketBehavior.NotFound);
        var outcome = await new CheckRunner().RunAsync(
            Request(CheckKinds.WebSocket, $"ws://127.0.0.1:{server.Port}/ws", new { compareHttp = true }), CancellationToken.None).OrTimeout();
        Assert.Equal(Verdicts.HttpWsDivergence, outcome.Verdict);
        Assert.Contains($"HTTP GET http://127.0.0.1:{server.Port}/ws via 127.0.0.1", outcome.Message);
        Assert.Contains("the WebSocket does not (via 127.0.0.1)", outcome.Message);
    }
}
