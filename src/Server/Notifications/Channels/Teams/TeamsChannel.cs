using System.Text.Json;
using System.Text.Json.Nodes;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Notifications.Channels;

namespace Linkwatch.Server.Notifications.Channels.Teams;

/// <summary>
/// A Microsoft Teams incoming webhook or Workflows URL (<c>url</c>): an Adaptive Card in a message
/// attachment, the format both the legacy connectors and Power Automate workflows accept.
/// </summary>
public sealed class TeamsChannel(IHttpClientFactory clients) : INotificationChannel
{
    public string Type => "teams";

    public IReadOnlyList<SettingError> Validate(JsonElement settings)
    {
        var errors = ChannelSettings.Start(settings);
        if (errors.Count == 0)
            ChannelSettings.RequireHttpUrl(settings, "url", errors);
        return errors;
    }

    public Task<DeliveryResult> SendAsync(Notification n, JsonElement settings, CancellationToken cancellationToken)
    {
        if (ChannelSettings.String(settings, "url") is not { } url || !ChannelSettings.IsHttpUrl(url))
            return Task.FromResult(DeliveryResult.Failed("the channel has no valid url"));
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
        return HttpSend.PostJsonAsync(clients, url, body, cancellationToken);
    }
}
