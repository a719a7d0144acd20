using System.Net.Http.Headers;

namespace Linkwatch.Server.Notifications.Channels.Webhook;

/// <summary>
/// A webhook's <c>url</c>, the optional HMAC <c>secret</c>, and an optional <c>template</c> for a body of the
/// receiver's own shape, sent as <c>contentType</c> (application/json unless set).
/// </summary>
public sealed record WebhookSettings(string? Url, string? Secret, string? Template, string ContentType) : IChannelSettings<WebhookSettings>
{
    public const string DefaultContentType = "application/json";

    public static IReadOnlyList<string> SecretFields => ["secret"];

    public static WebhookSettings Read(SettingReader settings) =>
        new(settings.String("url"), settings.String("secret"), settings.String("template"), settings.String("contentType") ?? DefaultContentType);

    /// <summary>JSON bodies get JSON-escaped placeholder values.</summary>
    public bool IsJson =>
        ContentType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || ContentType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<SettingError> Validate()
    {
        // Parameters are refused because the charset is always utf-8, set by the sender.
        var badMediaType = !MediaTypeHeaderValue.TryParse(ContentType, out var media) || media.Parameters.Count > 0;
        var rules = SettingRules.Check(
            SettingRules.HttpUrl("url", Url),
            SettingRules.NonEmpty("secret", Secret),
            badMediaType ? new("contentType", "contentType must be a media type such as application/json or text/plain") : null,
            SettingRules.NonEmpty("template", Template));
        var template = Template is { Length: > 0 } t ? WebhookTemplate.Problems(t, IsJson).Select(p => new SettingError("template", p)) : [];
        return rules.Concat(template);
    }
}
