using System.Text.Json.Nodes;

namespace Linkwatch.Server.Notifications.Channels.PagerDuty;

/// <summary>
/// PagerDuty Events API v2: <c>POST {apiBaseUrl}/v2/enqueue</c>. The dedup key is the alert id, so
/// <c>resolved</c> closes the incident <c>opened</c> created and reminders do not open new ones.
/// </summary>
public sealed class PagerDutyChannel(ChannelHttp http) : NotificationChannel<PagerDutySettings>("pagerduty")
{
    protected override Task<DeliveryResult> SendAsync(Notification n, PagerDutySettings settings, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["routing_key"] = settings.RoutingKey,
            ["event_action"] = n.Event == NotificationEvents.Resolved ? "resolve" : "trigger",
            ["dedup_key"] = n.AlertId is { } id ? $"linkwatch-alert-{id}" : $"linkwatch-test-{n.At.ToUnixTimeMilliseconds()}",
            ["payload"] = new JsonObject
            {
                ["summary"] = n.Title,
                ["source"] = n.Agent ?? "linkwatch",
                ["severity"] = settings.Severity,
                ["custom_details"] = new JsonObject { ["message"] = n.Message, ["verdict"] = n.Verdict, ["rule"] = n.Rule },
            },
        };
        if (n.Url is not null)
            body["links"] = new JsonArray(new JsonObject { ["href"] = n.Url, ["text"] = "Alert in Linkwatch" });
        return http.PostJsonAsync($"{SettingRules.Trimmed(settings.ApiBaseUrl)}/v2/enqueue", body, cancellationToken);
    }
}
