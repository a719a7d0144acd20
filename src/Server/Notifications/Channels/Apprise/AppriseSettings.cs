namespace Linkwatch.Server.Notifications.Channels.Apprise;

/// <summary>The Apprise URLs to notify; each embeds its service's credentials, so the whole list is a secret.</summary>
public sealed record AppriseSettings(IReadOnlyList<string>? Urls) : IChannelSettings<AppriseSettings>
{
    public static IReadOnlyList<string> SecretFields => ["urls"];

    public static AppriseSettings Read(SettingReader settings) => new(settings.StringList("urls"));

    public IEnumerable<SettingError> Validate() => SettingRules.Check(
        Urls is not { Count: > 0 } ? new SettingError("urls", "urls is required: a list of Apprise URLs (e.g. json://host:port/path, mailto://...)")
        : Urls.FirstOrDefault(u => !IsAppriseUrl(u)) is { } bad ? new SettingError("urls", $"'{Redact(bad)}' is not an Apprise URL (scheme://...)")
        : null);

    private static bool IsAppriseUrl(string url) =>
        url.IndexOf("://", StringComparison.Ordinal) is > 0 and var i && url[..i].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');

    /// <summary>Apprise URLs carry tokens and passwords; an error message shows the scheme only.</summary>
    private static string Redact(string url) =>
        url.IndexOf("://", StringComparison.Ordinal) is > 0 and var i ? url[..(i + 3)] + "..." : url.Length > 12 ? url[..12] + "..." : url;
}
