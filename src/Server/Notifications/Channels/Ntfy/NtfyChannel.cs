using System.Text;
using System.Text.Json;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Notifications.Channels;

namespace Linkwatch.Server.Notifications.Channels.Ntfy;

/// <summary>ntfy: <c>POST {server}/{topic}</c> with the message as a text body and Title/Priority headers.</summary>
public sealed class NtfyChannel(IHttpClientFactory clients) : INotificationChannel
{
    public const string DefaultServer = "https://ntfy.sh";

    public string Type => "ntfy";

    public IReadOnlyList<SettingError> Validate(JsonElement settings)
    {
        var errors = ChannelSettings.Start(settings);
        if (errors.Count > 0)
            return errors;
        ChannelSettings.RequireString(settings, "topic", errors);
        ChannelSettings.RequireHttpUrl(settings, "server", errors, optional: true);
        if (ChannelSettings.Int(settings, "priority") is { } p && p is < 1 or > 5)
            errors.Add(new("priority", "priority must be between 1 and 5"));
        return errors;
    }

    public Task<DeliveryResult> SendAsync(Notification n, JsonElement settings, CancellationToken cancellationToken)
    {
        if (ChannelSettings.String(settings, "topic") is not { Length: > 0 } topic)
            return Task.FromResult(DeliveryResult.Failed("the channel has no topic"));
        var url = $"{ChannelSettings.BaseUrl(settings, "server", DefaultServer)}/{Uri.EscapeDataString(topic)}";
        // Opened alerts are urgent, everything else default; a configured priority wins.
        var priority = ChannelSettings.Int(settings, "priority") ?? (n.Event == NotificationEvents.Opened ? 4 : 3);
        var token = ChannelSettings.String(settings, "token");
        return HttpSend.PostAsync(clients, url, Encoding.UTF8.GetBytes(n.Message), "text/plain", cancellationToken, (request, _) =>
        {
            // Header values must be ASCII: ntfy reads RFC 2047 encoded titles, but plain ASCII is all we need to promise.
            request.Headers.TryAddWithoutValidation("Title", new string(n.Title.Select(c => c < 128 ? c : '?').ToArray()));
            request.Headers.Add("Priority", priority.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(token))
                request.Headers.Authorization = new("Bearer", token);
        });
    }
}
