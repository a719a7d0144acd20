namespace Linkwatch.Server.Notifications;

/// <summary>The <c>event</c> names of notifications and the delivery log (a contract: webhook receivers switch on them).</summary>
public static class NotificationEvents
{
    public const string Opened = "opened";
    public const string Resolved = "resolved";
    public const string Reminder = "reminder";
    public const string Test = "test";
}
