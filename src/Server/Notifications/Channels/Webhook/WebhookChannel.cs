using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Linkwatch.Server.Notifications.Channels.Webhook;

/// <summary>
/// A JSON POST to any URL (docs/alerts.md). With a <c>secret</c>, the receiver can check that the
/// body came from this server: <c>X-Linkwatch-Signature: sha256=HEX(HMAC-SHA256(secret, body))</c>.
/// A <c>template</c> (with an optional <c>contentType</c>) replaces the standard body with the receiver's
/// own shape; see <see cref="WebhookTemplate"/>.
/// </summary>
public sealed class WebhookChannel(ChannelHttp http) : NotificationChannel<WebhookSettings>("webhook")
{
    public const string SignatureHeader = "X-Linkwatch-Signature";

    protected override Task<DeliveryResult> SendAsync(Notification notification, WebhookSettings settings, CancellationToken cancellationToken)
    {
        void Sign(HttpRequestMessage request, byte[] body)
        {
            if (!string.IsNullOrEmpty(settings.Secret))
                request.Headers.Add(SignatureHeader, Signature(settings.Secret, body));
        }
        if (settings.Template is { Length: > 0 } template)
        {
            var body = WebhookTemplate.Render(template, settings.IsJson, notification);
            return http.PostAsync(settings.Url!, Encoding.UTF8.GetBytes(body), settings.ContentType, cancellationToken, Sign);
        }
        return http.PostJsonAsync(settings.Url!, Payload(notification), cancellationToken, Sign);
    }

    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static JsonObject Payload(Notification n) => new()
    {
        ["event"] = n.Event,
        ["alertId"] = n.AlertId,
        ["rule"] = n.Rule,
        ["checkId"] = n.CheckId,
        ["check"] = n.Check,
        ["agent"] = n.Agent,
        ["verdict"] = n.Verdict,
        ["status"] = n.Status,
        ["at"] = n.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["message"] = n.Message,
        ["url"] = n.Url,
    };
}
