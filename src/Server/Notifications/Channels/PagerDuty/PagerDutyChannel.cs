using System.Text.Json;
using System.Text.Json.Nodes;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Notifications.Channels;
using Linkwatch.Server.Platform.Store;

namespace Linkwatch.Server.Notifications.Channels.PagerDuty;

/// <summary>
/// PagerDuty Events API v2: <c>POST {apiBaseUrl}/v2/enqueue</c>. The dedup key is the alert id, so
/// <c>resolved</c> closes the incident <c>opened</c> created and reminders do not open new ones.
/// </summary>
public sealed class PagerDutyChannel(IHttpClientFactory clients) : INotificationChannel
{
    public const string DefaultApiBaseUrl = "https://events.pagerduty.com";

    public string Type => "pagerduty";

    public IReadOnlyList<SettingError> Validate(JsonElement settings)
    {
        var errors = ChannelSettings.Start(settings);
        if (errors.Count > 0)
            return errors;
        ChannelSettings.RequireString(settings, "routingKey", errors);
        ChannelSettings.RequireHttpUrl(settings, "apiBaseUrl", errors, optional: true);
        if (ChannelSettings.String(settings, "severity") is { } s && s is not ("critical" or "error" or "warning" or "info"))
            errors.Add(new("severity", "severity must be critical, error, warning or info"));
        return errors;
    }

    public Task<DeliveryResult> SendAsync(Notification n, JsonElement settings, CancellationToken cancellationToken)
    {
        if (ChannelSettings.String(settings, "routingKey") is not { Length: > 0 } key)
            return Task.FromResult(DeliveryResult.Failed("the channel has no routingKey"));
        var body = new JsonObject
        {
            ["routing_key"] = key,
            ["event_action"] = n.Event == NotificationEvents.Resolved ? "resolve" : "trigger",
            ["dedup_key"] = n.AlertId is { } id ? $"linkwatch-alert-{id}" : $"linkwatch-test-{n.At.ToUnixTimeMilliseconds()}",
            ["payload"] = new JsonObject
            {
                ["summary"] = n.Title,
                ["source"] = n.Agent ?? "linkwatch",
                ["severity"] = ChannelSettings.String(settings, "severity") ?? "critical",
                ["custom_details"] = new JsonObject { ["message"] = n.Message, ["verdict"] = n.Verdict, ["rule"] = n.Rule },
            },
        };
        if (n.Url is not null)
            body["links"] = new JsonArray(new JsonObject { ["href"] = n.Url, ["text"] = "Alert in Linkwatch" });
        return HttpSend.PostJsonAsync(clients, $"{ChannelSettings.BaseUrl(settings, "apiBaseUrl", DefaultApiBaseUrl)}/v2/enqueue", body, cancellationToken);
    }
}
