using System.Text.Json.Nodes;

namespace Linkwatch.Server.Notifications.Channels.Gotify;

/// <summary>Gotify: <c>POST {server}/message?token={appToken}</c> with <c>{title, message, priority}</c>.</summary>
public sealed class GotifyChannel(ChannelHttp http) : NotificationChannel<GotifySettings>("gotify")
{
    protected override Task<DeliveryResult> SendAsync(Notification n, GotifySettings settings, CancellationToken cancellationToken)
    {
        var priority = settings.Priority ?? (n.Event == NotificationEvents.Opened ? 8 : 5);
        var body = new JsonObject { ["title"] = n.Title, ["message"] = n.Message, ["priority"] = priority };
        var url = $"{SettingRules.Trimmed(settings.Server!)}/message?token={Uri.EscapeDataString(settings.AppToken!)}";
        return http.PostJsonAsync(url, body, cancellationToken);
    }
}
