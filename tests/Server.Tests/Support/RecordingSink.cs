using System.Collections.Concurrent;
using Linkwatch.Server.Notifications;

namespace Linkwatch.Server.Tests.Support;

/// <summary>Keeps what the engine asked to send, instead of sending it.</summary>
public sealed class RecordingSink : INotificationSink
{
    public ConcurrentQueue<NotificationRequest> Requests { get; } = new();

    public void Enqueue(NotificationRequest request) => Requests.Enqueue(request);

    public List<string> Events => [.. Requests.Select(r => r.Notification.Event)];

    public int Count(string @event) => Requests.Count(r => r.Notification.Event == @event);
}
