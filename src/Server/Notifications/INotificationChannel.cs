using System.Text.Json;

namespace Linkwatch.Server.Notifications;

/// <summary>
/// A notification provider plug-in, one per folder under Channels/. Settings stay raw JSON so each
/// provider owns its own keys; the API validates them once, and a send may still meet bad values
/// (edited by hand in the database), which it reports as a failed delivery rather than throwing.
/// </summary>
public interface INotificationChannel
{
    /// <summary>The <c>type</c> of <c>POST /api/channels</c>.</summary>
    string Type { get; }

    IReadOnlyList<SettingError> Validate(JsonElement settings);

    Task<DeliveryResult> SendAsync(Notification notification, JsonElement settings, CancellationToken cancellationToken);
}
