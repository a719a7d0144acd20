using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.Tests.Support;
using Linkwatch.Shared;

namespace Linkwatch.Agent.Tests.Functional;

public sealed class TlsCheckTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("linkwatch-tls-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Task<CheckOutcome> RunAsync(string target, string? optionsJson = null, double timeoutSeconds = 5) =>
        new CheckRunner().RunAsync(Requests.For(CheckKinds.Tls, target, optionsJson, timeoutSeconds), CancellationToken.None).OrTimeout();

    private static TcpTestServer TlsServer(X509Certificate2 certificate) => new(async (client, ct) =>
    {
        await using var tls = new SslStream(new NetworkStream(client, ownsSocket: false));
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, ct);
        _ = await tls.ReadAsync(new byte[1], ct);
    });

    private string CaOption(X509Certificate2 certificate) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["caFile"] = TestCertificates.WritePem(certificate, _directory) });

    [Fact]
    public async Task Self_signed_certificate_is_cert_invalid_by_default()
    {
        using var certificate = TestCertificates.Valid();
        await using var server = TlsServer(certificate);
        var outcome = await RunAsync($"localhost:{server.Port}", timeoutSeconds: 5);
        Assert.Equal(Verdicts.CertInvalid, outcome.Verdict);
        Assert.Contains("CN=localhost", outcome.Message);
    }

    [Fact]
    public async Task Self_signed_certificate_is_ok_with_insecure()
    {
        using var certificate = TestCertificates.Valid();
        await using var server = TlsServer(certificate);
        var outcome = await RunAsync($"127.0.0.1:{server.Port}", """{"insecure":true}""");
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
        var attempt = Assert.Single(outcome.Attempts);
        Assert.Equal([Phases.Connect, Phases.Tls, Phases.Total], attempt.Phases.Keys);
        Assert.True(attempt.BytesReceived > 0);
    }

    [Fact]
    public async Task Self_signed_certificate_is_ok_when_trusted_through_caFile()
    {
        using var certificate = TestCertificates.Valid();
        await using var server = TlsServer(certificate);
        var outcome = await RunAsync($"localhost:{server.Port}", CaOption(certificate));
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
    }

    [Fact]
    public async Task Certificate_ending_in_3_days_is_cert_expiring_and_degraded()
    {
        using var certificate = TestCertificates.Create(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(3));
        await using var server = TlsServer(certificate);
        var outcome = await RunAsync($"localhost:{server.Port}", CaOption(certificate));
        Assert.Equal(Verdicts.CertExpiring, outcome.Verdict);
        Assert.Equal(Statuses.Degraded, outcome.Status);
        Assert.Contains("notAfter", outcome.Message);
        Assert.Contains("CN=localhost", outcome.Message);

        var lessStrict = await RunAsync($"localhost:{server.Port}",
            JsonSerializer.Serialize(new { caFile = TestCertificates.WritePem(certificate, _directory), expiryWarningDays = 2 }));
        Assert.Equal(Verdicts.Ok, lessStrict.Verdict);
    }

    [Fact]
    public async Task Expired_certificate_is_cert_invalid_even_when_trusted()
    {
        using var certificate = TestCertificates.Create(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        await using var server = TlsServer(certificate);
        var outcome = await RunAsync($"localhost:{server.Port}", CaOption(certificate));
        Assert.Equal(Verdicts.CertInvalid, outcome.Verdict);
        Assert.Equal(Statuses.Down, outcome.Status);
    }

    [Fact]
    public async Task Server_that_never_speaks_tls_is_tls_timeout()
    {
        await using var server = new TcpTestServer((_, ct) => Task.Delay(Timeout.Infinite, ct));
        var outcome = await RunAsync($"127.0.0.1:{server.Port}", timeoutSeconds: 0.5);
        Assert.Equal(Verdicts.TlsTimeout, outcome.Verdict);
        Assert.Contains(Phases.Tls, Assert.Single(outcome.Attempts).Phases.Keys);
    }

    [Fact]
    public async Task Server_that_answers_garbage_is_tls_failed()
    {
        await using var server = new TcpTestServer(async (client, ct) =>
        {
            await client.ReceiveAsync(new byte[1024], SocketFlags.None, ct);
            await client.SendAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray(), SocketFlags.None, ct);
            client.Shutdown(SocketShutdown.Both);
        });
        var outcome = await RunAsync($"127.0.0.1:{server.Port}");
        Assert.Equal(Verdicts.TlsFailed, outcome.Verdict);
    }
}
