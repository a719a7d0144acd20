using Linkwatch.Server.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Notifications.Channels.Email;
using Linkwatch.Server.Platform.Store;

namespace Linkwatch.Server.Tests.Alerts.Email;

/// <summary>The email channel against a real SMTP server (aiosmtpd) on loopback: TLS, AUTH and the message itself.</summary>
public sealed class EmailChannelTests
{
    private static readonly Notification Opened = new(
        NotificationEvents.Opened, 42, "web down", 7, "web-frontend", "edge-1", "connect_refused", "down",
        new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), "http://dash.test/alerts/42");

    [Fact]
    public async Task Starttls_with_auth_and_a_pinned_self_signed_certificate_delivers_the_alert_mail()
    {
        var cert = TestCertificates.SelfSigned();
        await using var relay = await SmtpRelay.StartAsync("starttls", cert.CertPem, cert.KeyPem);

        var result = await SendAsync(Settings(relay, "starttls", fingerprint: cert.Sha256));

        Assert.True(result.Success, result.Error);
        var mail = Assert.Single(relay.Messages());
        Assert.True(mail.Tls);
        Assert.True(mail.Authenticated);
        Assert.True(mail.AuthOverTls);
        // MailKit takes the strongest mechanism both sides offer; of aiosmtpd's LOGIN and PLAIN that is PLAIN.
        Assert.Equal("PLAIN", mail.AuthMechanism);
        Assert.Equal("linkwatch@example.test", mail.MailFrom);
        Assert.Equal(["oncall@example.test", "noc@example.test"], mail.RcptTos);
        Assert.Contains("opened", mail.Subject);
        Assert.Contains("web-frontend", mail.Subject);
        Assert.Contains("linkwatch@example.test", mail.From);
        Assert.Contains("oncall@example.test", mail.To);
        Assert.Contains("noc@example.test", mail.To);
        Assert.Equal("opened", mail.Event);
        Assert.Contains("Check web-frontend from agent edge-1 is down (connect_refused)", mail.Body);
        Assert.Contains("http://dash.test/alerts/42", mail.Body);
    }

    [Fact]
    public async Task A_line_break_in_a_verdict_check_or_agent_name_cannot_add_a_header_or_a_recipient()
    {
        var cert = TestCertificates.SelfSigned();
        await using var relay = await SmtpRelay.StartAsync("starttls", cert.CertPem, cert.KeyPem);
        const string injected = "\r\nBcc: intruder@evil.test\r\nX-Injected: yes\r\n\r\nforged body";
        var hostile = Opened with { Verdict = "connect_refused" + injected, Check = "web" + injected, Agent = "edge\n" + "Cc: intruder@evil.test" };

        var result = await SendAsync(Settings(relay, "starttls", fingerprint: cert.Sha256), hostile);

        Assert.True(result.Success, result.Error);
        var mail = Assert.Single(relay.Messages());
        Assert.Equal(["oncall@example.test", "noc@example.test"], mail.RcptTos);
        var headers = mail.Content[..mail.Content.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.DoesNotMatch("(?im)^(bcc|cc|x-injected):", headers);
        Assert.DoesNotContain("\n", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Bcc: intruder@evil.test", mail.Subject, StringComparison.Ordinal);
        Assert.StartsWith("[Linkwatch] opened: web", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_from_the_first_byte_delivers_and_auths_inside_tls()
    {
        var cert = TestCertificates.SelfSigned();
        await using var relay = await SmtpRelay.StartAsync("tls", cert.CertPem, cert.KeyPem);

        var result = await SendAsync(Settings(relay, "tls", fingerprint: cert.Sha256));

        Assert.True(result.Success, result.Error);
        var mail = Assert.Single(relay.Messages());
        Assert.True(mail.Tls);
        Assert.True(mail.AuthOverTls);
        Assert.Contains("web-frontend", mail.Subject);
    }

    [Fact]
    public async Task A_ca_file_trusts_a_relay_certificate_signed_by_that_ca()
    {
        var cert = TestCertificates.SignedByPrivateCa();
        await using var relay = await SmtpRelay.StartAsync("starttls", cert.CertPem, cert.KeyPem);
        var caFile = Path.Combine(relay.Mailbox, "..", "ca.pem");
        await File.WriteAllTextAsync(caFile, cert.CaPem);

        var result = await SendAsync(Settings(relay, "starttls", caFile: Path.GetFullPath(caFile)));

        Assert.True(result.Success, result.Error);
        Assert.True(Assert.Single(relay.Messages()).AuthOverTls);
    }

    [Theory]
    [InlineData("starttls")]
    [InlineData("tls")]
    public async Task A_certificate_that_is_not_trusted_is_refused_before_any_password_is_sent(string security)
    {
        var cert = TestCertificates.SelfSigned();
        await using var relay = await SmtpRelay.StartAsync(security, cert.CertPem, cert.KeyPem);

        var untrusted = await SendAsync(Settings(relay, security));
        var wrongPin = await SendAsync(Settings(relay, security, fingerprint: new string('A', 64)));

        Assert.False(untrusted.Success);
        Assert.Contains("not trusted", untrusted.Error);
        Assert.False(wrongPin.Success);
        Assert.Contains(cert.Sha256, wrongPin.Error);
        Assert.Empty(relay.Messages());
    }

    [Fact]
    public async Task A_wrong_password_is_a_failed_delivery_naming_the_smtp_refusal()
    {
        var cert = TestCertificates.SelfSigned();
        await using var relay = await SmtpRelay.StartAsync("starttls", cert.CertPem, cert.KeyPem);

        var result = await SendAsync(Settings(relay, "starttls", fingerprint: cert.Sha256, password: "wrong"));

        // The relay's 535 to AUTH ends the session before MAIL FROM: the delivery fails and says why.
        Assert.False(result.Success);
        Assert.Contains("535", result.Error);
        Assert.Contains("Authentication credentials invalid", result.Error);
        Assert.Empty(relay.Messages());
    }

    [Fact]
    public async Task The_api_test_action_sends_a_test_mail_and_logs_the_delivery()
    {
        var cert = TestCertificates.SelfSigned();
        await using var relay = await SmtpRelay.StartAsync("starttls", cert.CertPem, cert.KeyPem);
        await using var server = await TestServer.StartAsync();
        var created = await server.Api.PostAsJsonAsync("/api/channels", new
        {
            name = "mail", type = "email", settings = JsonSerializer.Deserialize<JsonElement>(Settings(relay, "starttls", fingerprint: cert.Sha256)),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var channel = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("***", channel.GetProperty("settings").GetProperty("password").GetString());

        var response = await server.Api.PostAsync($"/api/channels/{channel.GetProperty("id").GetInt64()}/test", null);

        var delivery = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(delivery.GetProperty("success").GetBoolean(), delivery.ToString());
        var mail = Assert.Single(relay.Messages());
        Assert.Contains("test", mail.Subject);
        Assert.True(mail.AuthOverTls);
    }

    private static async Task<DeliveryResult> SendAsync(string settings, Notification? notification = null)
    {
        using var json = JsonDocument.Parse(settings);
        var channel = new EmailChannel();
        Assert.Empty(channel.Validate(json.RootElement));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await channel.SendAsync(notification ?? Opened, json.RootElement, timeout.Token);
    }

    private static string Settings(SmtpRelay relay, string security, string? fingerprint = null, string? caFile = null, string? password = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["host"] = "127.0.0.1",
            ["port"] = relay.Port,
            ["security"] = security,
            ["username"] = SmtpRelay.User,
            ["password"] = password ?? SmtpRelay.Password,
            ["from"] = "linkwatch@example.test",
            ["to"] = new[] { "oncall@example.test", "noc@example.test" },
            ["trustCertificateFingerprint"] = fingerprint,
            ["caFile"] = caFile,
        }.Where(kv => kv.Value is not null).ToDictionary());
}
