using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Notifications.Channels;

namespace Linkwatch.Server.Notifications.Channels.Webhook;

/// <summary>
/// A JSON POST to any URL (docs/alerts.md). With a <c>secret</c>, the receiver can check that the
/// body came from this server: <c>X-Linkwatch-Signature: sha256=HEX(HMAC-SHA256(secret, body))</c>.
/// A <c>template</c> (with an optional <c>contentType</c>) replaces the standard body with the receiver's
/// own shape; see <see cref="WebhookTemplate"/>.
/// </summary>
public sealed class WebhookChannel(IHttpClientFactory clients) : INotificationChannel
{
    public const string SignatureHeader = "X-Linkwatch-Signature";

    public string Type => "webhook";

    public IReadOnlyList<SettingError> Validate(JsonElement settings)
    {
        var errors = ChannelSettings.Start(settings);
        if (errors.Count > 0)
            return errors;
        ChannelSettings.RequireHttpUrl(settings, "url", errors);
        if (settings.TryGetProperty("secret", out var secret) && (secret.ValueKind != JsonValueKind.String || secret.GetString()!.Length == 0))
            errors.Add(new("secret", "secret must be a non-empty string"));
        if (settings.TryGetProperty("contentType", out var contentType)
            && (contentType.ValueKind != JsonValueKind.String || !MediaTypeHeaderValue.TryParse(contentType.GetString(), out var media) || media.Parameters.Count > 0))
            errors.Add(new("contentType", "contentType must be a media type such as application/json or text/plain"));
        if (settings.TryGetProperty("template", out var template))
        {
            if (template.ValueKind != JsonValueKind.String || template.GetString()!.Length == 0)
                errors.Add(new("template", "template must be a non-empty string"));
            else
                errors.AddRange(WebhookTemplate.Problems(template.GetString()!, IsJson(ContentType(settings))).Select(p => new SettingError("template", p)));
        }
        return errors;
    }

    public Task<DeliveryResult> SendAsync(Notification notification, JsonElement settings, CancellationToken cancellationToken)
    {
        var url = ChannelSettings.String(settings, "url");
        if (!ChannelSettings.IsHttpUrl(url))
            return Task.FromResult(DeliveryResult.Failed("the channel has no valid url"));
        var secret = ChannelSettings.String(settings, "secret");
        void Sign(HttpRequestMessage request, byte[] body)
        {
            if (!string.IsNullOrEmpty(secret))
                request.Headers.Add(SignatureHeader, Signature(secret, body));
        }
        if (ChannelSettings.String(settings, "template") is { Length: > 0 } template)
        {
            var contentType = ContentType(settings);
            var body = WebhookTemplate.Render(template, IsJson(contentType), notification);
            return HttpSend.PostAsync(clients, url!, Encoding.UTF8.GetBytes(body), contentType, cancellationToken, Sign);
        }
        return HttpSend.PostJsonAsync(clients, url!, Payload(notification), cancellationToken, Sign);
    }

    private static string ContentType(JsonElement settings) => ChannelSettings.String(settings, "contentType") ?? "application/json";

    private static bool IsJson(string contentType) =>
        contentType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || contentType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

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
