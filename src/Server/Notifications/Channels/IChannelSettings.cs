namespace Linkwatch.Server.Notifications.Channels;

/// <summary>
/// A provider's settings as a typed record: how it is read from the stored JSON (defaults filled in),
/// which of its keys are secrets, and what makes it invalid.
/// </summary>
public interface IChannelSettings<TSelf> where TSelf : IChannelSettings<TSelf>
{
    /// <summary>Keys whose values are credentials.</summary>
    static abstract IReadOnlyList<string> SecretFields { get; }

    /// <summary>Reads the keys; a value of the wrong JSON type is reported by the reader and read as absent.</summary>
    static abstract TSelf Read(SettingReader settings);

    /// <summary>What is wrong beyond JSON types, each error naming its key.</summary>
    IEnumerable<SettingError> Validate();
}
