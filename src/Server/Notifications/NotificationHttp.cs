namespace Linkwatch.Server.Notifications;

/// <summary>The named HttpClient every HTTP channel uses.</summary>
public static class NotificationHttp
{
    public const string ClientName = "notifications";

    /// <summary>Above the per-attempt timeout, which is what normally ends a slow send; this is only a backstop.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);
}
