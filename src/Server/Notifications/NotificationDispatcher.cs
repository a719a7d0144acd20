using System.Collections.Concurrent;
using System.Threading.Channels;
using Linkwatch.Server.Platform.Health;

namespace Linkwatch.Server.Notifications;

/// <summary>
/// Delivers notifications with one queue and one worker per channel: a receiver that fails or hangs
/// delays only its own queue (its retries included), never another channel's. Within a channel the
/// order is kept, so a receiver never sees <c>resolved</c> before the <c>opened</c> it closes.
/// </summary>
public sealed partial class NotificationDispatcher(
    IServiceScopeFactory scopes, ChannelSender sender, DeliveryPolicy policy, Readiness readiness, TimeProvider time,
    ILogger<NotificationDispatcher> logger) : BackgroundService, INotificationSink
{
    // Unbounded: the engine must never wait, and alert events are few (bounded by rules x checks x agents).
    private readonly Channel<NotificationRequest> _requests = Channel.CreateUnbounded<NotificationRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, Channel<(AlertChannel Channel, Notification Notification)>> _queues = new();
    private readonly List<Task> _workers = [];

    public void Enqueue(NotificationRequest request) => _requests.Writer.TryWrite(request);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken);
            while (await _requests.Reader.WaitToReadAsync(stoppingToken))
            {
                while (_requests.Reader.TryRead(out var request))
                {
                    try
                    {
                        await RouteAsync(request, stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Log.RouteFailed(logger, request.Notification.Event, request.Notification.AlertId, ex);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        foreach (var queue in _queues.Values)
            queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }

    private async Task RouteAsync(NotificationRequest request, CancellationToken stoppingToken)
    {
        // Channels are looked up at send time, so a channel deleted or changed since the rule was made is honoured.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
        var names = request.ChannelNames.ToList();
        var channels = await db.Channels.AsNoTracking().Where(c => names.Contains(c.Name)).ToListAsync(stoppingToken);
        foreach (var missing in names.Except(channels.Select(c => c.Name)))
            Log.UnknownChannel(logger, missing, request.Notification.AlertId);
        foreach (var channel in channels)
        {
            var queue = _queues.GetOrAdd(channel.Id, id =>
            {
                var created = Channel.CreateUnbounded<(AlertChannel, Notification)>(new UnboundedChannelOptions { SingleReader = true });
                _workers.Add(Task.Run(() => WorkAsync(created.Reader, stoppingToken), CancellationToken.None));
                return created;
            });
            queue.Writer.TryWrite((channel, request.Notification));
        }
    }

    private async Task WorkAsync(ChannelReader<(AlertChannel Channel, Notification Notification)> reader, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (channel, notification) in reader.ReadAllAsync(stoppingToken))
                await DeliverAsync(channel, notification, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(AlertChannel channel, Notification notification, CancellationToken stoppingToken)
    {
        for (var attempt = 1; attempt <= policy.MaxAttempts; attempt++)
        {
            var delivery = await sender.SendAsync(channel, notification, attempt, stoppingToken);
            if (delivery.Success)
            {
                Log.Delivered(logger, notification.Event, notification.AlertId, channel.Name, attempt, delivery.DurationMs);
                return;
            }
            if (attempt == policy.MaxAttempts)
            {
                Log.GaveUp(logger, notification.Event, notification.AlertId, channel.Name, attempt, delivery.Error);
                return;
            }
            Log.AttemptFailed(logger, notification.Event, notification.AlertId, channel.Name, attempt, delivery.Error);
            await Task.Delay(policy.BackoffAfter(attempt), time, stoppingToken);
        }
    }
}
