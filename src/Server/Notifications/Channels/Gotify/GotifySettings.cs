namespace Linkwatch.Server.Notifications.Channels.Gotify;

/// <summary>A Gotify server, the application token it issued, and an optional fixed priority.</summary>
public sealed record GotifySettings(string? Server, string? AppToken, int? Priority) : IChannelSettings<GotifySettings>
{
    public static IReadOnlyList<string> SecretFields => ["appToken"];

    public static GotifySettings Read(SettingReader settings) =>
        new(settings.String("server"), settings.String("appToken"), settings.Int("priority"));

    public IEnumerable<SettingError> Validate() => SettingRules.Check(
        SettingRules.HttpUrl("server", Server),
        SettingRules.Required("appToken", AppToken));
}
