using System.Globalization;
using System.Text;

namespace Linkwatch.Server.Notifications.Channels.Ntfy;

/// <summary>ntfy: <c>POST {server}/{topic}</c> with the message as a text body and Title/Priority headers.</summary>
public sealed class NtfyChannel(ChannelHttp http) : NotificationChannel<NtfySettings>("ntfy")
{
    protected override Task<DeliveryResult> SendAsync(Notification n, NtfySettings settings, CancellationToken cancellationToken)
    {
        var url = $"{SettingRules.Trimmed(settings.Server)}/{Uri.EscapeDataString(settings.Topic!)}";
        // Opened alerts are urgent, everything else default; a configured priority wins.
        var priority = settings.Priority ?? (n.Event == NotificationEvents.Opened ? 4 : 3);
        return http.PostAsync(url, Encoding.UTF8.GetBytes(n.Message), "text/plain", cancellationToken, (request, _) =>
        {
            // Header values must be ASCII: ntfy reads RFC 2047 encoded titles, but plain ASCII is all we need to promise.
            request.Headers.TryAddWithoutValidation("Title", new string(n.Title.Select(c => c < 128 ? c : '?').ToArray()));
            request.Headers.Add("Priority", priority.ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(settings.Token))
                request.Headers.Authorization = new("Bearer", settings.Token);
        });
    }
}
