using System.Globalization;
using System.Text;
using MimeKit;

namespace Linkwatch.Server.Notifications.Channels.Email;

/// <summary>The mail for one notification: a subject an inbox list can be read by, a plain-text body, and sortable headers.</summary>
public static class EmailMessage
{
    public static MimeMessage Create(Notification n, EmailSettings settings)
    {
        var message = new MimeMessage { Subject = OneLine(Subject(n)) };
        message.From.Add(Mailbox(settings.From!));
        message.To.AddRange(settings.To!.Select(Mailbox));
        // Mail filters and scripts can sort on these without parsing the subject.
        message.Headers.Add("X-Linkwatch-Event", n.Event);
        if (n.AlertId is { } id)
            message.Headers.Add("X-Linkwatch-Alert", id.ToString(CultureInfo.InvariantCulture));
        var body = new TextPart(MimeKit.Text.TextFormat.Plain);
        body.SetText(Encoding.UTF8, Body(n));
        message.Body = body;
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

    /// <summary>
    /// A header value with every control character (CR and LF above all) made a space: a name or verdict that
    /// carried a line break must not end the header and start another one (a Bcc, or the body).
    /// </summary>
    public static string OneLine(string value) =>
        string.Create(value.Length, value, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
                span[i] = char.IsControl(text[i]) ? ' ' : text[i];
        });

    private static string Body(Notification n)
    {
        var body = new StringBuilder().AppendLine(n.Message).AppendLine();
        body.AppendLine($"Event:   {n.Event}");
        if (n.AlertId is { } id)
            body.AppendLine(CultureInfo.InvariantCulture, $"Alert:   {id}");
        body.AppendLine($"Rule:    {n.Rule}");
        if (n.Check is not null)
            body.AppendLine($"Check:   {n.Check}");
        if (n.Agent is not null)
            body.AppendLine($"Agent:   {n.Agent}");
        body.AppendLine($"Status:  {n.Status}");
        body.AppendLine($"Verdict: {n.Verdict}");
        body.AppendLine(CultureInfo.InvariantCulture, $"At:      {n.At.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}");
        if (n.Url is not null)
            body.AppendLine($"Details: {n.Url}");
        return body.ToString();
    }

    private static MailboxAddress Mailbox(string text)
    {
        var address = EmailSettings.Address(text)!;
        return new MailboxAddress(address.DisplayName, address.Address);
    }
}
