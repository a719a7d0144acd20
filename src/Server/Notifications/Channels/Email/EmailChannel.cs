using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Platform.Auth;
using Linkwatch.Server.Platform.Store;

namespace Linkwatch.Server.Notifications.Channels.Email;

/// <summary>
/// Email over SMTP with System.Net.Mail.SmtpClient (MailKit is not on the package mirror): STARTTLS (default),
/// TLS from the first byte through <see cref="ImplicitTlsTunnel"/>, or none; AUTH when a username is set
/// (SmtpClient uses LOGIN). A self-signed relay is trusted by pinning its SHA-256 fingerprint or by a CA file.
/// </summary>
public sealed class EmailChannel : INotificationChannel
{
    public string Type => "email";

    public IReadOnlyList<SettingError> Validate(JsonElement settings) => EmailSettings.Parse(settings).Errors;

    public async Task<DeliveryResult> SendAsync(Notification n, JsonElement json, CancellationToken cancellationToken)
    {
        var (settings, errors) = EmailSettings.Parse(json);
        if (settings is null)
            return DeliveryResult.Failed("bad settings: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));

        var trust = new EmailTrust(settings.TrustCertificateFingerprint, settings.CaFile);
        ImplicitTlsTunnel? tunnel = null;
        try
        {
            if (settings.Security == EmailSecurity.Tls)
                tunnel = await ImplicitTlsTunnel.OpenAsync(settings.Host, settings.Port, trust, cancellationToken);
            using var client = new SmtpClient(tunnel is null ? settings.Host : IPAddress.Loopback.ToString(), tunnel?.LocalPort ?? settings.Port)
            {
                DeliveryMethod = SmtpDeliveryMethod.Network,
                // Through the tunnel the TLS is already there; SmtpClient must not try STARTTLS inside it.
                EnableSsl = settings.Security == EmailSecurity.StartTls,
                UseDefaultCredentials = false,
                Credentials = settings.Username is null ? null : new NetworkCredential(settings.Username, settings.Password),
            };
            using var message = Message(n, settings);
            using (StartTlsCertificateHook.Use(trust))
                await client.SendMailAsync(message, cancellationToken);
            return DeliveryResult.Ok();
        }
        catch (Exception ex) when (ex is SmtpException or AuthenticationException or IOException or SocketException or InvalidOperationException)
        {
            return DeliveryResult.Failed(Describe(ex, trust, settings));
        }
        finally
        {
            if (tunnel is not null)
                await tunnel.DisposeAsync();
        }
    }

    private static MailMessage Message(Notification n, EmailSettings settings)
    {
        var message = new MailMessage
        {
            From = settings.From,
            Subject = Subject(n),
            SubjectEncoding = Encoding.UTF8,
            Body = Body(n),
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        foreach (var to in settings.To)
            message.To.Add(to);
        // Mail filters and scripts can sort on these without parsing the subject.
        message.Headers.Add("X-Linkwatch-Event", n.Event);
        if (n.AlertId is { } id)
            message.Headers.Add("X-Linkwatch-Alert", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return message;
    }

    /// <summary>The event and the check first, so an inbox list tells what happened without opening the mail.</summary>
    public static string Subject(Notification n)
    {
        var agent = n.Agent is null ? "" : $" from {n.Agent}";
        if (n.IsAgentAlert)
            return n.Event == NotificationEvents.Resolved ? $"[Linkwatch] resolved: agent {n.Agent} is connected" : $"[Linkwatch] {n.Event}: agent {n.Agent} {n.Status} ({n.Verdict})";
        return n.Event switch
        {
            NotificationEvents.Opened or NotificationEvents.Reminder => $"[Linkwatch] {n.Event}: {n.Check}{agent} {n.Status} ({n.Verdict})",
            NotificationEvents.Resolved => $"[Linkwatch] resolved: {n.Check}{agent} is up",
            _ => $"[Linkwatch] test from channel {n.Check}",
        };
    }

    private static string Body(Notification n)
    {
        var body = new StringBuilder().AppendLine(n.Message).AppendLine();
        body.AppendLine($"Event:   {n.Event}");
        if (n.AlertId is { } id)
            body.AppendLine($"Alert:   {id}");
        body.AppendLine($"Rule:    {n.Rule}");
        if (n.Check is not null)
            body.AppendLine($"Check:   {n.Check}");
        if (n.Agent is not null)
            body.AppendLine($"Agent:   {n.Agent}");
        body.AppendLine($"Status:  {n.Status}");
        body.AppendLine($"Verdict: {n.Verdict}");
        body.AppendLine($"At:      {n.At.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}");
        if (n.Url is not null)
            body.AppendLine($"Details: {n.Url}");
        return body.ToString();
    }

    /// <summary>SmtpClient wraps the useful part (a refused certificate, a 535) in generic outer exceptions.</summary>
    private static string Describe(Exception ex, EmailTrust trust, EmailSettings settings)
    {
        var parts = new List<string> { $"{settings}:" };
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (!parts.Contains(e.Message))
                parts.Add(e.Message);
        }
        if (trust.Refusal is { } refusal)
            parts.Add(refusal);
        if (ex is SmtpException { StatusCode: var code } && code != SmtpStatusCode.GeneralFailure)
            parts.Add($"(SMTP {(int)code})");
        return string.Join(" ", parts);
    }
}
