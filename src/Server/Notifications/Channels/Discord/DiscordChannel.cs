using System.Text.Json;
using System.Text.Json.Nodes;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Notifications.Channels;

namespace Linkwatch.Server.Notifications.Channels.Discord;

/// <summary>A Discord channel webhook (<c>url</c>): <c>{"content": ...}</c>, which Discord caps at 2000 characters.</summary>
public sealed class DiscordChannel(IHttpClientFactory clients) : INotificationChannel
{
    private const int MaxContent = 2000;

    public string Type => "discord";

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
        var content = $"**{n.Title}**\n{n.Message}";
        return HttpSend.PostJsonAsync(clients, url, new JsonObject { ["content"] = content.Length > MaxContent ? content[..MaxContent] : content }, cancellationToken);
    }
}
