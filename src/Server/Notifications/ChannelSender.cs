using System.Diagnostics;
using System.Text.Json;

namespace Linkwatch.Server.Notifications;

/// <summary>One attempt at one channel, bounded by the policy's timeout, always written to the delivery log.</summary>
public sealed partial class ChannelSender(
    ChannelRegistry registry, ChannelSettingsProtection protection, IServiceScopeFactory scopes, DeliveryPolicy policy, TimeProvider time, ILogger<ChannelSender> logger)
{
    public async Task<Delivery> SendAsync(AlertChannel channel, Notification notification, int attempt, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow().ToUnixTimeMilliseconds();
        var started = Stopwatch.GetTimestamp();
        var result = await SendOnceAsync(channel, notification, cancellationToken);
        var delivery = new Delivery
        {
            AlertId = notification.AlertId,
            ChannelId = channel.Id,
            Event = notification.Event,
            Attempt = attempt,
            At = at,
            Success = result.Success,
            StatusCode = result.StatusCode,
            Error = result.Error is { Length: > 2000 } e ? e[..2000] : result.Error,
            DurationMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1),
        };
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
        db.Deliveries.Add(delivery);
        // The log entry must be written even when the host is stopping mid-send.
        await db.SaveChangesAsync(CancellationToken.None);
        return delivery;
    }

    private async Task<DeliveryResult> SendOnceAsync(AlertChannel channel, Notification notification, CancellationToken cancellationToken)
    {
        if (registry.Find(channel.Type) is not { } plugin)
            return DeliveryResult.Failed($"no channel plug-in for type '{channel.Type}'");
        if (protection.Reveal(channel.Settings) is not { } settingsJson)
            return DeliveryResult.Failed("the channel's settings cannot be decrypted: the data protection keys they were written with are missing from the data directory's keys folder");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(policy.AttemptTimeout);
        try
        {
            using var settings = JsonDocument.Parse(settingsJson);
            return await plugin.SendAsync(notification, settings.RootElement, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Failed($"timed out after {policy.AttemptTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A plug-in bug or an odd receiver must end up in the delivery log, not kill the queue.
            Log.PluginThrew(logger, channel.Type, channel.Name, ex);
            return DeliveryResult.Failed(ex.Message);
        }
    }
}
