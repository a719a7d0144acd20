using System.Text.Json;
using System.Text.Json.Nodes;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Notifications.Channels;

namespace Linkwatch.Server.Notifications.Channels.Gotify;

/// <summary>Gotify: <c>POST {server}/message?token={appToken}</c> with <c>{title, message, priority}</c>.</summary>
public sealed class GotifyChannel(IHttpClientFactory clients) : INotificationChannel
{
    public string Type => "gotify";

    public IReadOnlyList<SettingError> Validate(JsonElement settings)
    {
        var errors = ChannelSettings.Start(settings);
        if (errors.Count > 0)
            return errors;
        ChannelSettings.RequireHttpUrl(settings, "server", errors);
        ChannelSettings.RequireString(settings, "appToken", errors);
        return errors;
    }

    public Task<DeliveryResult> SendAsync(Notification n, JsonElement settings, CancellationToken cancellationToken)
    {
        var server = ChannelSettings.String(settings, "server");
        var token = ChannelSettings.String(settings, "appToken");
        if (!ChannelSettings.IsHttpUrl(server) || string.IsNullOrEmpty(token))
            return Task.FromResult(DeliveryResult.Failed("the channel needs server and appToken"));
        var priority = ChannelSettings.Int(settings, "priority") ?? (n.Event == NotificationEvents.Opened ? 8 : 5);
        var body = new JsonObject { ["title"] = n.Title, ["message"] = n.Message, ["priority"] = priority };
        return HttpSend.PostJsonAsync(clients, $"{server!.TrimEnd('/')}/message?token={Uri.EscapeDataString(token)}", body, cancellationToken);
    }
}
