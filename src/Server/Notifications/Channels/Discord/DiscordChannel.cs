using System.Text.Json.Nodes;

namespace Linkwatch.Server.Notifications.Channels.Discord;

/// <summary>A Discord channel webhook (<c>url</c>): <c>{"content": ...}</c>, which Discord caps at 2000 characters.</summary>
public sealed class DiscordChannel(ChannelHttp http) : NotificationChannel<IncomingWebhookSettings>("discord")
{
    private const int MaxContent = 2000;

    protected override Task<DeliveryResult> SendAsync(Notification n, IncomingWebhookSettings settings, CancellationToken cancellationToken)
    {
        var content = $"**{n.Title}**\n{n.Message}";
        return http.PostJsonAsync(settings.Url!, new JsonObject { ["content"] = content.Length > MaxContent ? content[..MaxContent] : content }, cancellationToken);
    }
}
