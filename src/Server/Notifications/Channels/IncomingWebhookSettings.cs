namespace Linkwatch.Server.Notifications.Channels;

/// <summary>
/// The settings of a chat service's incoming webhook (Slack, Discord, Teams): only its <c>url</c>, which
/// such services treat as the credential-free address of one channel.
/// </summary>
public sealed record IncomingWebhookSettings(string? Url) : IChannelSettings<IncomingWebhookSettings>
{
    public static IReadOnlyList<string> SecretFields => [];

    public static IncomingWebhookSettings Read(SettingReader settings) => new(settings.String("url"));

    public IEnumerable<SettingError> Validate() => SettingRules.Check(SettingRules.HttpUrl("url", Url));
}
