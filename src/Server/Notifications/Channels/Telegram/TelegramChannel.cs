using System.Text.Json;
using System.Text.Json.Nodes;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Notifications.Channels;

namespace Linkwatch.Server.Notifications.Channels.Telegram;

/// <summary>Telegram Bot API: <c>POST {apiBaseUrl}/bot{botToken}/sendMessage {chat_id, text}</c>.</summary>
public sealed class TelegramChannel(IHttpClientFactory clients) : INotificationChannel
{
    public const string DefaultApiBaseUrl = "https://api.telegram.org";

    public string Type => "telegram";

    public IReadOnlyList<SettingError> Validate(JsonElement settings)
    {
        var errors = ChannelSettings.Start(settings);
        if (errors.Count > 0)
            return errors;
        ChannelSettings.RequireString(settings, "botToken", errors);
        if (ChannelSettings.String(settings, "chatId") is null && ChannelSettings.Int(settings, "chatId") is null)
            errors.Add(new("chatId", "chatId is required (a number or an @channel name)"));
        ChannelSettings.RequireHttpUrl(settings, "apiBaseUrl", errors, optional: true);
        return errors;
    }

    public Task<DeliveryResult> SendAsync(Notification n, JsonElement settings, CancellationToken cancellationToken)
    {
        var token = ChannelSettings.String(settings, "botToken");
        if (string.IsNullOrEmpty(token) || !settings.TryGetProperty("chatId", out var chat))
            return Task.FromResult(DeliveryResult.Failed("the channel needs botToken and chatId"));
        var url = $"{ChannelSettings.BaseUrl(settings, "apiBaseUrl", DefaultApiBaseUrl)}/bot{token}/sendMessage";
        var body = new JsonObject { ["chat_id"] = JsonNode.Parse(chat.GetRawText()), ["text"] = $"{n.Title}\n{n.Message}" };
        return HttpSend.PostJsonAsync(clients, url, body, cancellationToken);
    }
}
