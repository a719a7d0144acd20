using System.Text.Json.Nodes;

namespace Linkwatch.Server.Notifications.Channels.Slack;

/// <summary>A Slack incoming webhook (<c>url</c>): <c>{"text": ...}</c>.</summary>
public sealed class SlackChannel(ChannelHttp http) : NotificationChannel<IncomingWebhookSettings>("slack")
{
    protected override Task<DeliveryResult> SendAsync(Notification n, IncomingWebhookSettings settings, CancellationToken cancellationToken) =>
        http.PostJsonAsync(settings.Url!, new JsonObject { ["text"] = $"*{n.Title}*\n{n.Message}" }, cancellationToken);
}
