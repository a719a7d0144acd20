namespace Linkwatch.Server.Notifications;

/// <summary>Where the alert engine hands notifications; must return at once (the engine never waits on receivers).</summary>
public interface INotificationSink
{
    void Enqueue(NotificationRequest request);
}
