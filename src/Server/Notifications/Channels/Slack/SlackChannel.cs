using System.Text.Json;
using System.Text.Json.Nodes;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Notifications.Channels;

namespace Linkwatch.Server.Notifications.Channels.Slack;

/// <summary>A Slack incoming webhook (<c>url</c>): <c>{"text": ...}</c>.</summary>
public sealed class SlackChannel(IHttpClientFactory clients) : INotificationChannel
{
    public string Type => "slack";

    public IReadOnlyList<SettingError> Validate(JsonElement settings)
    {
        var errors = ChannelSettings.Start(settings);
        if (errors.Count == 0)
            ChannelSettings.RequireHttpUrl(settings, "url", errors);
        return errors;
    }

    public Task<DeliveryResult> SendAsync(Notification n, JsonElement settings, CancellationToken cancellationToken) =>
        ChannelSettings.String(settings, "url") is { } url && ChannelSettings.IsHttpUrl(url)
            ? HttpSend.PostJsonAsync(clients, url, new JsonObject { ["text"] = $"*{n.Title}*\n{n.Message}" }, cancellationToken)
            : Task.FromResult(DeliveryResult.Failed("the channel has no valid url"));
}
