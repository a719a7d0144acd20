using System.Text.Json.Nodes;

namespace Linkwatch.Server.Notifications.Channels.Telegram;

/// <summary>Telegram Bot API: <c>POST {apiBaseUrl}/bot{botToken}/sendMessage {chat_id, text}</c>.</summary>
public sealed class TelegramChannel(ChannelHttp http) : NotificationChannel<TelegramSettings>("telegram")
{
    protected override Task<DeliveryResult> SendAsync(Notification n, TelegramSettings settings, CancellationToken cancellationToken)
    {
        var url = $"{SettingRules.Trimmed(settings.ApiBaseUrl)}/bot{settings.BotToken}/sendMessage";
        var body = new JsonObject { ["chat_id"] = JsonValue.Create(settings.ChatId!.Value), ["text"] = $"{n.Title}\n{n.Message}" };
        return http.PostJsonAsync(url, body, cancellationToken);
    }
}
