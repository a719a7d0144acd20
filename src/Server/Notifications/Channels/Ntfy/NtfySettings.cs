namespace Linkwatch.Server.Notifications.Channels.Ntfy;

/// <summary>An ntfy topic on a server (ntfy.sh unless set), an optional fixed priority (1-5) and access token.</summary>
public sealed record NtfySettings(string? Topic, string Server, int? Priority, string? Token) : IChannelSettings<NtfySettings>
{
    public const string DefaultServer = "https://ntfy.sh";

    public static IReadOnlyList<string> SecretFields => ["token"];

    public static NtfySettings Read(SettingReader settings) =>
        new(settings.String("topic"), settings.String("server") ?? DefaultServer, settings.Int("priority"), settings.String("token"));

    public IEnumerable<SettingError> Validate() => SettingRules.Check(
        SettingRules.Required("topic", Topic),
        SettingRules.HttpUrl("server", Server),
        SettingRules.Range("priority", Priority, 1, 5));
}
