using Linkwatch.Server.Notifications.Channels;
using Linkwatch.Server.Notifications.Channels.Apprise;
using Linkwatch.Server.Notifications.Channels.Email;
using Linkwatch.Server.Notifications.Channels.Gotify;
using Linkwatch.Server.Notifications.Channels.Ntfy;
using Linkwatch.Server.Notifications.Channels.PagerDuty;
using Linkwatch.Server.Notifications.Channels.Telegram;
using Linkwatch.Server.Notifications.Channels.Webhook;

namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>Writes a channel, taking each type's secret settings from its settings record.</summary>
internal static class ImportChannels
{
    private static readonly Dictionary<string, IReadOnlyList<string>> SecretsByType = new(StringComparer.Ordinal)
    {
        ["webhook"] = WebhookSettings.SecretFields,
        ["slack"] = IncomingWebhookSettings.SecretFields,
        ["discord"] = IncomingWebhookSettings.SecretFields,
        ["teams"] = IncomingWebhookSettings.SecretFields,
        ["telegram"] = TelegramSettings.SecretFields,
        ["ntfy"] = NtfySettings.SecretFields,
        ["gotify"] = GotifySettings.SecretFields,
        ["pagerduty"] = PagerDutySettings.SecretFields,
        ["email"] = EmailSettings.SecretFields,
        ["apprise"] = AppriseSettings.SecretFields,
    };

    /// <summary>
    /// The channel <c>{name, type, settings}</c>. A setting with a null or empty value is left out; a secret setting
    /// becomes an environment reference (see <see cref="ConfigBuilder.SecretReference"/>), whatever its value was.
    /// </summary>
    public static YamlMap New(ConfigBuilder builder, string item, string name, string type, params (string Key, object? Value)[] settings)
    {
        var secrets = SecretsByType[type];
        var map = new YamlMap();
        foreach (var (key, value) in settings)
        {
            if (value is null or "")
                continue;
            map.Add(key, secrets.Contains(key)
                ? builder.SecretReference(type + "_" + name, key, item, $"the {type} channel \"{name}\"'s {key}")
                : value);
        }
        var channel = new YamlMap();
        channel.Add("name", name);
        channel.Add("type", type);
        channel.Add("settings", map);
        return channel;
    }
}
