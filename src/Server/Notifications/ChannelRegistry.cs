namespace Linkwatch.Server.Notifications;

/// <summary>The registered plug-ins by type name.</summary>
public sealed class ChannelRegistry(IEnumerable<INotificationChannel> channels)
{
    private readonly Dictionary<string, INotificationChannel> _byType = channels.ToDictionary(c => c.Type, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Types => _byType.Keys;

    public INotificationChannel? Find(string type) => _byType.GetValueOrDefault(type);
}
