using System.Text.Json;

namespace Linkwatch.Server.Notifications.Channels;

/// <summary>
/// The common half of every provider: reading and validating <typeparamref name="TSettings"/> from the stored
/// JSON. A provider only says how to send with settings already known to be valid.
/// </summary>
public abstract class NotificationChannel<TSettings>(string type) : INotificationChannel
    where TSettings : class, IChannelSettings<TSettings>
{
    public string Type => type;

    public IReadOnlyCollection<string> SecretFields => TSettings.SecretFields;

    public IReadOnlyList<SettingField> Fields { get; } = SettingReader.FieldsOf<TSettings>();

    public IReadOnlyList<SettingError> Validate(JsonElement settings) => SettingReader.Parse<TSettings>(settings).Errors;

    public Task<DeliveryResult> SendAsync(Notification notification, JsonElement settings, CancellationToken cancellationToken)
    {
        var (parsed, errors) = SettingReader.Parse<TSettings>(settings);
        return parsed is null
            ? Task.FromResult(DeliveryResult.Failed("bad settings: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))))
            : SendAsync(notification, parsed, cancellationToken);
    }

    protected abstract Task<DeliveryResult> SendAsync(Notification notification, TSettings settings, CancellationToken cancellationToken);
}
