using System.Net.NetworkInformation;
using Linkwatch.Agent.Link;
using Linkwatch.Agent.Outbox;
using Linkwatch.Shared.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Linkwatch.Agent.Net;

/// <summary>
/// Watches the host's own network (addresses, routes, interfaces) and queues each change as a
/// <see cref="NetworkEvent"/> for the server. The OS's address-change notification triggers a snapshot
/// at once; a snapshot every <see cref="PollInterval"/> catches what it does not signal (routes, link
/// state). Each snapshot is diffed with the previous one, so an address that comes and goes between
/// two snapshots is no event at all: that, a short settle delay after a notification, and a cap of
/// <see cref="MaxEventsPerMinute"/> keep NetworkManager-style churn from flooding the agent or the server.
/// The first snapshot is the baseline and yields no events.
/// </summary>
public sealed partial class NetworkChangeWatcher(
    EventOutbox outbox,
    TimeProvider time,
    ILogger<NetworkChangeWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    /// <summary>Notifications come in bursts (one per address and route); one snapshot after the burst settles.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);
    public const int MaxEventsPerMinute = 100;

    private readonly FailureStreak _captureFailures = new(TimeSpan.FromMinutes(10));
    private readonly SemaphoreSlim _changed = new(0, 1);
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _windowCount;

    /// <summary>Takes a snapshot; replaceable so tests can feed their own.</summary>
    internal Func<NetworkSnapshot> Capture { get; init; } = NetworkSnapshot.Capture;

    /// <summary>How often to look without a notification; tests shorten it.</summary>
    internal TimeSpan Interval { get; init; } = PollInterval;

    /// <summary>Snapshots taken so far (the baseline included).</summary>
    internal int Snapshots { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var subscribed = Subscribe();
        try
        {
            var baseline = TryCapture();
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await _changed.WaitAsync(Interval, stoppingToken))
                    await Task.Delay(Settle, time, stoppingToken);
                var current = TryCapture();
                if (current is null)
                    continue;
                if (baseline is null)
                {
                    baseline = current;
                    continue;
                }
                var events = NetworkSnapshotDiff.Diff(baseline, current, time.GetUtcNow());
                baseline = current;
                if (events.Count > 0)
                    await QueueAsync(events, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (subscribed)
                NetworkChange.NetworkAddressChanged -= OnAddressChanged;
        }
    }

    private bool Subscribe()
    {
        try
        {
            NetworkChange.NetworkAddressChanged += OnAddressChanged;
            return true;
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or NetworkInformationException)
        {
            // Polling alone still sees every change, a few seconds later.
            Log.NoNotifications(logger, ex.Message);
            return false;
        }
    }

    private void OnAddressChanged(object? sender, EventArgs e)
    {
        // At most one pending wake-up: a burst of notifications is one snapshot.
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    private NetworkSnapshot? TryCapture()
    {
        try
        {
            var snapshot = Capture();
            Snapshots++;
            _captureFailures.Recovered();
            return snapshot;
        }
        catch (Exception ex) when (ex is NetworkInformationException or IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            if (_captureFailures.ShouldLog(out var suppressed))
                Log.CaptureFailed(logger, ex.Message, suppressed);
            return null;
        }
    }

    private async Task QueueAsync(List<NetworkEvent> events, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _windowStart >= TimeSpan.FromMinutes(1))
        {
            _windowStart = now;
            _windowCount = 0;
        }
        var room = Math.Max(0, MaxEventsPerMinute - _windowCount);
        var kept = events.Count <= room ? events : events.GetRange(0, room);
        if (kept.Count < events.Count && _windowCount < MaxEventsPerMinute)
            Log.RateLimited(logger, MaxEventsPerMinute);
        _windowCount += kept.Count;
        if (kept.Count == 0)
            return;
        Log.Changes(logger, kept.Count);
        await outbox.AddAsync(kept, cancellationToken);
    }
}
