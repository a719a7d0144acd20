using Linkwatch.Server.Notifications.Channels;
using Linkwatch.Server.Notifications.Channels.Apprise;
using Linkwatch.Server.Notifications.Channels.Discord;
using Linkwatch.Server.Notifications.Channels.Email;
using Linkwatch.Server.Notifications.Channels.Gotify;
using Linkwatch.Server.Notifications.Channels.Ntfy;
using Linkwatch.Server.Notifications.Channels.PagerDuty;
using Linkwatch.Server.Notifications.Channels.Slack;
using Linkwatch.Server.Notifications.Channels.Teams;
using Linkwatch.Server.Notifications.Channels.Telegram;
using Linkwatch.Server.Notifications.Channels.Webhook;

namespace Linkwatch.Server.Notifications;

/// <summary>Notifications: channel plug-ins, the dispatcher with its retries, deliveries, and the channels API.</summary>
public static class NotificationsFeature
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddHttpClient(NotificationHttp.ClientName, c => c.Timeout = NotificationHttp.ClientTimeout)
            // Receivers are usually on the LAN or loopback: a proxy from the environment would only get in the way.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            // HttpClient's own logging writes every request URL at Information, and for Telegram, Slack, Discord and
            // webhooks the URL is the secret. Deliveries are in the delivery log instead, without their URLs.
            .RemoveAllLoggers();
        services.AddSingleton<ChannelHttp>();
        services.AddSingleton<INotificationChannel, WebhookChannel>();
        services.AddSingleton<INotificationChannel, SlackChannel>();
        services.AddSingleton<INotificationChannel, DiscordChannel>();
        services.AddSingleton<INotificationChannel, TeamsChannel>();
        services.AddSingleton<INotificationChannel, TelegramChannel>();
        services.AddSingleton<INotificationChannel, NtfyChannel>();
        services.AddSingleton<INotificationChannel, GotifyChannel>();
        services.AddSingleton<INotificationChannel, PagerDutyChannel>();
        services.AddSingleton<INotificationChannel, EmailChannel>();
        services.AddSingleton<INotificationChannel, AppriseChannel>();
        services.AddSingleton<ChannelRegistry>();
        services.AddSingleton<ChannelSettingsProtection>();
        services.AddScoped<IStoreSeeder, ChannelSettingsUpgrade>();
        services.AddSingleton(DeliveryPolicy.Default);
        services.AddSingleton<ChannelSender>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<INotificationSink>(sp => sp.GetRequiredService<NotificationDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        return services;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        app.MapChannelsApi();
        return app;
    }
}
