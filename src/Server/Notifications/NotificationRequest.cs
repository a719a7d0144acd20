namespace Linkwatch.Server.Notifications;

/// <summary>An alert event for the channels named by its rule.</summary>
public sealed record NotificationRequest(IReadOnlyList<string> ChannelNames, Notification Notification);
