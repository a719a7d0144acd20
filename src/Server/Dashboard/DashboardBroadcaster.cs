using Linkwatch.Shared.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;

namespace Linkwatch.Server.Dashboard;

/// <summary>
/// Forwards live events to every dashboard browser. Agents submit results in bursts (one hub call per
/// outbox batch, several agents at once), so events are coalesced: the first change after a quiet spell
/// goes out at once, later ones wait until <see cref="MinInterval"/> has passed since the previous push
/// and travel together. A browser then does at most a few fragment requests per interval, whatever the
/// result rate.
/// </summary>
public sealed partial class DashboardBroadcaster(
    LiveEvents live,
    IHubContext<DashboardHub, IDashboardClient> hub,
    TimeProvider time,
    ILogger<DashboardBroadcaster> logger) : BackgroundService
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    // Unbounded is safe: the reader drains everything each round, and the publisher (ingest, the
    // agent hub) must never wait on browsers.
    private readonly Channel<LiveEvent> _events = Channel.CreateUnbounded<LiveEvent>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = live.Subscribe(e => _events.Writer.TryWrite(e));
        long? lastPush = null;
        // Browsers refresh everything when they reconnect, so a lost push costs nothing lasting: one line per streak.
        var failures = FailureStreak.Once(time);
        try
        {
            while (await _events.Reader.WaitToReadAsync(stoppingToken))
            {
                if (lastPush is { } last && MinInterval - time.GetElapsedTime(last) is { Ticks: > 0 } wait)
                    await Task.Delay(wait, time, stoppingToken);

                var checks = new SortedSet<long>();
                var agents = new SortedSet<string>(StringComparer.Ordinal);
                var events = new SortedSet<string>(StringComparer.Ordinal);
                var alerts = new SortedSet<long>();
                while (_events.Reader.TryRead(out var e))
                {
                    switch (e)
                    {
                        case ResultsStored stored:
                            foreach (var r in stored.Results)
                                checks.Add(r.CheckId);
                            break;
                        case AgentStatusChanged status:
                            agents.Add(status.Name);
                            break;
                        case NetworkEventsStored stored:
                            events.Add(stored.Name);
                            break;
                        case AlertChanged alert:
                            alerts.Add(alert.AlertId);
                            break;
                    }
                }
                if (checks.Count == 0 && agents.Count == 0 && events.Count == 0 && alerts.Count == 0)
                    continue;

                lastPush = time.GetTimestamp();
                try
                {
                    await hub.Clients.All.Changed(new DashboardChange([.. checks], [.. agents], [.. events], [.. alerts]));
                    failures.Recovered();
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    if (failures.ShouldLog())
                        Log.PushFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
