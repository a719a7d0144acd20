namespace Linkwatch.Server.Notifications.Channels;

/// <summary>
/// The settings of a chat service's incoming webhook (Slack, Discord, Teams): only its <c>url</c>. Whoever knows
/// the URL can post to the channel (its path carries the service's token), so it is a secret.
/// </summary>
public sealed record IncomingWebhookSettings(string? Url) : IChannelSettings<IncomingWebhookSettings>
{
    public static IReadOnlyList<string> SecretFields => ["url"];

    public static IncomingWebhookSettings Read(SettingReader settings) => new(settings.String("url"));

    public IEnumerable<SettingError> Validate() => SettingRules.Check(SettingRules.HttpUrl("url", Url));
}
