using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Linkwatch.Server.Notifications.Channels.Email;

/// <summary>
/// Email over SMTP with MailKit: STARTTLS (default, and required: never a silent fall-back to plain text),
/// TLS from the first byte (SMTPS), or none; AUTH when a username is set, with the strongest mechanism both
/// sides offer. The relay's certificate is checked per connection by the channel's <see cref="EmailTrust"/>.
/// </summary>
public sealed class EmailChannel() : NotificationChannel<EmailSettings>("email")
{
    /// <summary>A backstop for one SMTP read or write; the per-attempt timeout normally ends a slow send first.</summary>
    public static readonly TimeSpan IoTimeout = TimeSpan.FromSeconds(30);

    protected override async Task<DeliveryResult> SendAsync(Notification n, EmailSettings settings, CancellationToken cancellationToken)
    {
        var trust = new EmailTrust(settings.Fingerprint, settings.CaFile);
        using var client = new SmtpClient
        {
            Timeout = (int)IoTimeout.TotalMilliseconds,
            // Relays on a LAN often cannot reach a CA's revocation list; the trust settings decide instead.
            CheckCertificateRevocation = false,
            ServerCertificateValidationCallback = (_, certificate, chain, errors) => trust.Validate(certificate, chain, errors),
        };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.EffectivePort, SocketOptions(settings.Security), cancellationToken);
            if (settings.Username is not null)
                await client.AuthenticateAsync(settings.Username, settings.Password!, cancellationToken);
            using var message = EmailMessage.Create(n, settings);
            await client.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is CommandException or ProtocolException or SslHandshakeException or AuthenticationException
            or IOException or SocketException or NotSupportedException)
        {
            return DeliveryResult.Failed(Describe(ex, trust, settings));
        }
        await QuitAsync(client, cancellationToken);
        return DeliveryResult.Ok();
    }

    private static SecureSocketOptions SocketOptions(string security) => security switch
    {
        EmailSecurity.Tls => SecureSocketOptions.SslOnConnect,
        EmailSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>The relay has accepted the mail by now: a failed QUIT does not make the delivery fail.</summary>
    private static async Task QuitAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is CommandException or ProtocolException or IOException or SocketException)
        {
            // Disposing the client closes the connection either way.
        }
    }

    /// <summary>The trust refusal first: MailKit's handshake message is long and the delivery log keeps only its start.</summary>
    private static string Describe(Exception ex, EmailTrust trust, EmailSettings settings)
    {
        var parts = new List<string> { $"{settings}:" };
        if (trust.Refusal is { } refusal)
            parts.Add(refusal + ";");
        for (var e = ex; e is not null; e = e.InnerException)
        {
            var text = string.Join(' ', e.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (!parts.Contains(text))
                parts.Add(text);
        }
        if (ex is SmtpCommandException { StatusCode: var code })
            parts.Add($"(SMTP {(int)code})");
        return string.Join(" ", parts);
    }
}
