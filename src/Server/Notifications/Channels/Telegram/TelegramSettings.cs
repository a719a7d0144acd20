using System.Text.Json;

namespace Linkwatch.Server.Notifications.Channels.Telegram;

/// <summary>A Telegram bot's token, the chat to post to (a number or an @channel name) and the Bot API's base URL.</summary>
public sealed record TelegramSettings(string? BotToken, JsonElement? ChatId, string ApiBaseUrl) : IChannelSettings<TelegramSettings>
{
    public const string DefaultApiBaseUrl = "https://api.telegram.org";

    public static IReadOnlyList<string> SecretFields => ["botToken"];

    public static TelegramSettings Read(SettingReader settings) =>
        new(settings.String("botToken"), settings.StringOrNumber("chatId"), settings.String("apiBaseUrl") ?? DefaultApiBaseUrl);

    public IEnumerable<SettingError> Validate() => SettingRules.Check(
        SettingRules.Required("botToken", BotToken),
        ChatId is null ? new("chatId", "chatId is required (a number or an @channel name)") : null,
        SettingRules.HttpUrl("apiBaseUrl", ApiBaseUrl));
}
