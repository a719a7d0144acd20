namespace Linkwatch.Server.Platform.Store;

/// <summary>
/// A configured notification channel (table <c>Channels</c>). Named AlertChannel so that it never
/// collides with <see cref="System.Threading.Channels.Channel"/> in the dispatcher.
/// </summary>
public sealed class AlertChannel
{
    public long Id { get; set; }
    /// <summary>Unique; rules refer to channels by name.</summary>
    public required string Name { get; set; }
    /// <summary>The plug-in's type name: webhook, slack, ...</summary>
    public required string Type { get; set; }
    /// <summary>JSON object, validated by the plug-in.</summary>
    public string Settings { get; set; } = "{}";
    public long CreatedAt { get; set; }
}
