using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Linkwatch.Server.Notifications.Channels.Webhook;

/// <summary>
/// A JSON POST to any URL (DESIGN.md "HTTP API"). With a <c>secret</c>, the receiver can check that the
/// body came from this server: <c>X-Linkwatch-Signature: sha256=HEX(HMAC-SHA256(secret, body))</c>.
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
        return errors;
    }

    public Task<DeliveryResult> SendAsync(Notification notification, JsonElement settings, CancellationToken cancellationToken)
    {
        var url = ChannelSettings.String(settings, "url");
        if (!ChannelSettings.IsHttpUrl(url))
            return Task.FromResult(DeliveryResult.Failed("the channel has no valid url"));
        var secret = ChannelSettings.String(settings, "secret");
        return HttpSend.PostJsonAsync(clients, url!, Payload(notification), cancellationToken, (request, body) =>
        {
            if (!string.IsNullOrEmpty(secret))
                request.Headers.Add(SignatureHeader, Signature(secret, body));
        });
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
