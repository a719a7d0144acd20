using System.Text.Json;

namespace Linkwatch.Server.Notifications;

/// <summary>
/// A notification provider, one per folder under Channels/. Settings are stored as the JSON the API
/// received; each provider reads them into its own typed record (see
/// <see cref="Channels.NotificationChannel{TSettings}"/>). The API validates them once, and a send may still
/// meet bad values (edited by hand in the database), which it reports as a failed delivery rather than throwing.
/// </summary>
public interface INotificationChannel
{
    /// <summary>The <c>type</c> of <c>POST /api/channels</c>.</summary>
    string Type { get; }

    /// <summary>Settings keys holding credentials: shown as <c>***</c>, and kept from the stored channel when an update omits them.</summary>
    IReadOnlyCollection<string> SecretFields { get; }

    /// <summary>The settings the type reads, in order: what the channel form shows.</summary>
    IReadOnlyList<Channels.SettingField> Fields { get; }

    IReadOnlyList<SettingError> Validate(JsonElement settings);

    Task<DeliveryResult> SendAsync(Notification notification, JsonElement settings, CancellationToken cancellationToken);
}
