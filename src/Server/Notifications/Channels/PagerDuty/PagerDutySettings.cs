namespace Linkwatch.Server.Notifications.Channels.PagerDuty;

/// <summary>A PagerDuty Events v2 integration's routing key, the incidents' severity and the API's base URL.</summary>
public sealed record PagerDutySettings(string? RoutingKey, string Severity, string ApiBaseUrl) : IChannelSettings<PagerDutySettings>
{
    public const string DefaultApiBaseUrl = "https://events.pagerduty.com";

    public static readonly IReadOnlyList<string> Severities = ["critical", "error", "warning", "info"];

    public static IReadOnlyList<string> SecretFields => ["routingKey"];

    public static PagerDutySettings Read(SettingReader settings) =>
        new(settings.String("routingKey"), settings.String("severity") ?? "critical", settings.String("apiBaseUrl") ?? DefaultApiBaseUrl);

    public IEnumerable<SettingError> Validate() => SettingRules.Check(
        SettingRules.Required("routingKey", RoutingKey),
        SettingRules.HttpUrl("apiBaseUrl", ApiBaseUrl),
        SettingRules.OneOf("severity", Severity, Severities));
}
