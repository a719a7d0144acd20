using System.Text.Json.Nodes;

namespace Linkwatch.Server.Notifications.Channels.Teams;

/// <summary>
/// A Microsoft Teams incoming webhook or Workflows URL (<c>url</c>): an Adaptive Card in a message
/// attachment, the format both the legacy connectors and Power Automate workflows accept.
/// </summary>
public sealed class TeamsChannel(ChannelHttp http) : NotificationChannel<IncomingWebhookSettings>("teams")
{
    protected override Task<DeliveryResult> SendAsync(Notification n, IncomingWebhookSettings settings, CancellationToken cancellationToken)
    {
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray(
                new JsonObject { ["type"] = "TextBlock", ["size"] = "Medium", ["weight"] = "Bolder", ["text"] = n.Title, ["wrap"] = true },
                new JsonObject { ["type"] = "TextBlock", ["text"] = n.Message, ["wrap"] = true }),
        };
        var body = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = card }),
        };
        return http.PostJsonAsync(settings.Url!, body, cancellationToken);
    }
}
