using System.Text.Json;
using Grpc.Health.V1;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.Tests.Support;
using Linkwatch.Shared;

namespace Linkwatch.Agent.Tests.Functional;

/// <summary>The grpc probe against the stock gRPC health service (Grpc.AspNetCore) on loopback, plaintext and TLS.</summary>
public sealed class GrpcCheckTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("linkwatch-grpc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Task<CheckOutcome> RunAsync(string target, object? options = null, string family = Families.Auto, double timeoutSeconds = 5) =>
        new CheckRunner().RunAsync(Requests.For(CheckKinds.Grpc, target, options is null ? null : JsonSerializer.Serialize(options), timeoutSeconds, family),
            CancellationToken.None).OrTimeout();

    private string PemOf(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) => TestCertificates.WritePem(certificate, _directory);

    [Fact]
    public async Task Plaintext_server_that_is_serving_is_ok_with_connect_and_first_byte_phases()
    {
        await using var server = await GrpcHealthServer.StartAsync();
        var outcome = await RunAsync(server.Target, new { plaintext = true });
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
        Assert.Equal(Statuses.Up, outcome.Status);
        var attempt = Assert.Single(outcome.Attempts);
        Assert.Equal("127.0.0.1", attempt.Address);
        Assert.Contains(Phases.Connect, attempt.Phases.Keys);
        Assert.Contains(Phases.FirstByte, attempt.Phases.Keys);
        Assert.DoesNotContain(Phases.Tls, attempt.Phases.Keys);
        Assert.Equal(Phases.Total, attempt.Phases.Keys.Last());
    }

    [Fact]
    public async Task Named_service_that_is_serving_is_ok()
    {
        await using var server = await GrpcHealthServer.StartAsync();
        var outcome = await RunAsync(server.Target, new { plaintext = true, service = GrpcHealthServer.Serving });
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
    }

    [Fact]
    public async Task Service_reporting_not_serving_is_not_serving_and_down()
    {
        await using var server = await GrpcHealthServer.StartAsync();
        var outcome = await RunAsync(server.Target, new { plaintext = true, service = GrpcHealthServer.NotServing });
        Assert.Equal(Verdicts.NotServing, outcome.Verdict);
        Assert.Equal(Statuses.Down, outcome.Status);
        Assert.Contains("NOT_SERVING", outcome.Message);
    }

    [Fact]
    public async Task Service_the_health_server_does_not_know_is_service_unknown()
    {
        await using var server = await GrpcHealthServer.StartAsync();
        var outcome = await RunAsync(server.Target, new { plaintext = true, service = "linkwatch.test.NoSuchService" });
        Assert.Equal(Verdicts.ServiceUnknown, outcome.Verdict);
        Assert.Equal(Statuses.Down, outcome.Status);
    }

    [Fact]
    public async Task A_server_that_stops_serving_is_seen_on_the_next_run()
    {
        await using var server = await GrpcHealthServer.StartAsync();
        Assert.Equal(Verdicts.Ok, (await RunAsync(server.Target, new { plaintext = true })).Verdict);
        server.Health.SetStatus("", HealthCheckResponse.Types.ServingStatus.NotServing);
        Assert.Equal(Verdicts.NotServing, (await RunAsync(server.Target, new { plaintext = true })).Verdict);
    }

    [Fact]
    public async Task Tls_server_trusted_through_ca_file_is_ok_with_a_tls_phase()
    {
        using var certificate = TestCertificates.Valid();
        await using var server = await GrpcHealthServer.StartAsync(certificate);
        var outcome = await RunAsync($"localhost:{server.Port}", new { caFile = PemOf(certificate), service = GrpcHealthServer.Serving }, Families.Ipv4);
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
        var attempt = Assert.Single(outcome.Attempts);
        Assert.Contains(Phases.Tls, attempt.Phases.Keys);
        Assert.Contains(Phases.FirstByte, attempt.Phases.Keys);
    }

    [Fact]
    public async Task Tls_server_with_an_untrusted_certificate_is_cert_invalid()
    {
        using var certificate = TestCertificates.Valid();
        await using var server = await GrpcHealthServer.StartAsync(certificate);
        var outcome = await RunAsync($"localhost:{server.Port}", family: Families.Ipv4);
        Assert.Equal(Verdicts.CertInvalid, outcome.Verdict);
        Assert.Equal(Statuses.Down, outcome.Status);
    }

    [Fact]
    public async Task Tls_server_whose_certificate_ends_soon_is_cert_expiring_and_degraded()
    {
        using var certificate = TestCertificates.Create(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(3));
        await using var server = await GrpcHealthServer.StartAsync(certificate);
        var outcome = await RunAsync($"localhost:{server.Port}", new { insecure = true }, Families.Ipv4);
        Assert.Equal(Verdicts.CertExpiring, outcome.Verdict);
        Assert.Equal(Statuses.Degraded, outcome.Status);
    }

    [Fact]
    public async Task Tls_to_a_plaintext_server_is_tls_failed()
    {
        await using var server = await GrpcHealthServer.StartAsync();
        var outcome = await RunAsync(server.Target, new { insecure = true });
        Assert.Equal(Verdicts.TlsFailed, outcome.Verdict);
    }

    [Fact]
    public async Task Plaintext_to_a_tls_server_is_down_not_ok()
    {
        using var certificate = TestCertificates.Valid();
        await using var server = await GrpcHealthServer.StartAsync(certificate);
        var outcome = await RunAsync(server.Target, new { plaintext = true }, timeoutSeconds: 3);
        Assert.Equal(Statuses.Down, outcome.Status);
        Assert.NotEqual(Verdicts.Ok, outcome.Verdict);
    }

    [Fact]
    public async Task Closed_port_is_connect_refused()
    {
        var port = Listeners.ClosedPort(System.Net.IPAddress.Loopback);
        var outcome = await RunAsync($"127.0.0.1:{port}", new { plaintext = true });
        Assert.Equal(Verdicts.ConnectRefused, outcome.Verdict);
    }

    [Fact]
    public async Task Family_both_on_a_server_listening_on_ipv4_only_reports_ipv6_failing()
    {
        await using var server = await GrpcHealthServer.StartAsync();
        var outcome = await RunAsync($"localhost:{server.Port}", new { plaintext = true }, Families.Both);
        Assert.Equal(2, outcome.Attempts.Count);
        Assert.Equal(Verdicts.Ok, outcome.Attempts.Single(a => a.Family == Families.Ipv4).Verdict);
        // Where the host has ::1, the IPv6 attempt is refused; without it, that family has no address.
        var v6 = outcome.Attempts.Single(a => a.Family == Families.Ipv6);
        Assert.Contains(v6.Verdict, new[] { Verdicts.ConnectRefused, Verdicts.NoAddress });
        Assert.Equal(v6.Verdict == Verdicts.NoAddress ? Verdicts.Ok : Verdicts.Ipv6Failing, outcome.Verdict);
    }

    [Fact]
    public void Health_request_frames_the_service_name_as_protobuf_field_1()
    {
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0 }, GrpcProbe.Frame(null));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 3, 0x0A, 1, (byte)'a' }, GrpcProbe.Frame("a"));
        var framed = GrpcProbe.Frame(new string('s', 200));
        Assert.Equal(new byte[] { 0x0A, 0xC8, 0x01 }, framed[5..8]);
        Assert.Equal(5 + 3 + 200, framed.Length);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 2, 0x08, 1 }, 1)]
    [InlineData(new byte[] { 0, 0, 0, 0, 2, 0x08, 2 }, 2)]
    [InlineData(new byte[] { 0, 0, 0, 0, 0 }, 0)]
    [InlineData(new byte[] { 0, 0, 0, 0, 9 }, null)]
    [InlineData(new byte[] { 1, 0, 0, 0, 0 }, null)]
    [InlineData(new byte[] { 0, 0, 0, 0, 1, 0x08 }, null)]
    public void Health_response_status_is_read_or_refused(byte[] body, int? expected) =>
        Assert.Equal(expected, GrpcProbe.ReadServingStatus(body));
}
