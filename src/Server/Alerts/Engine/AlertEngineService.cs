using Linkwatch.Shared.Diagnostics;
using System.Threading.Channels;
using Linkwatch.Server.Platform.Health;

namespace Linkwatch.Server.Alerts.Engine;

/// <summary>
/// Runs the <see cref="AlertEngine"/>: results and agent connects/disconnects arrive from <see cref="LiveEvents"/>
/// through an unbounded channel (the ingest writer publishes after its commit and must never wait on alerting), and a
/// timer asks for the agent pass every <see cref="AgentPeriod"/> and for reminders every <see cref="ReminderPeriod"/>.
/// One loop, so the engine sees one thing at a time.
/// </summary>
public sealed partial class AlertEngineService(
    AlertEngine engine, LiveEvents live, Readiness readiness, TimeProvider time, ILogger<AlertEngineService> logger) : BackgroundService
{
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(30);
    /// <summary>How often offline agents are checked against their rules' grace (60 s by default, at least 10 s).</summary>
    public static readonly TimeSpan AgentPeriod = TimeSpan.FromSeconds(5);

    /// <summary>A pass the timer asks for.</summary>
    private sealed record Tick(bool Remind) : LiveEvent;

    /// <summary><see cref="ResultsStored"/>, <see cref="AgentStatusChanged"/> or a <see cref="Tick"/>, in arrival order.</summary>
    private readonly Channel<LiveEvent> _work =
        Channel.CreateUnbounded<LiveEvent>(new UnboundedChannelOptions { SingleReader = true });

    // A database hiccup loses one batch's evaluation; the next results carry on. One line per streak.
    private readonly FailureStreak _failures = FailureStreak.Once(time);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Subscribe first: results stored while the engine restores wait in the channel.
        using var subscription = live.Subscribe(e =>
        {
            if (e is ResultsStored or AgentStatusChanged)
                _work.Writer.TryWrite(e);
        });
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken);
            await engine.RestoreAsync(stoppingToken);
            _ = TickAsync(stoppingToken);
            var batch = new List<StoredResult>();
            while (await _work.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                var remind = false;
                var agents = false;
                // Everything waiting goes in one pass: one set of lookups for a burst of batches. A connect or
                // disconnect goes in order: the results before it are evaluated first.
                while (_work.Reader.TryRead(out var item))
                {
                    switch (item)
                    {
                        case ResultsStored stored:
                            batch.AddRange(stored.Results);
                            break;
                        case AgentStatusChanged status:
                            if (batch.Count > 0)
                                await RunAsync(() => engine.ProcessAsync(batch, stoppingToken), stoppingToken);
                            batch.Clear();
                            await RunAsync(() => engine.AgentStatusAsync(status, stoppingToken), stoppingToken);
                            break;
                        case Tick tick:
                            agents = true;
                            remind |= tick.Remind;
                            break;
                    }
                }
                if (batch.Count > 0)
                    await RunAsync(() => engine.ProcessAsync(batch, stoppingToken), stoppingToken);
                if (agents)
                    await RunAsync(() => engine.CheckAgentsAsync(stoppingToken), stoppingToken);
                if (remind)
                    await RunAsync(() => engine.RemindAsync(stoppingToken), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(AgentPeriod, time);
            var perReminder = (int)(ReminderPeriod / AgentPeriod);
            for (var n = 1; await timer.WaitForNextTickAsync(stoppingToken); n++)
                _work.Writer.TryWrite(new Tick(n % perReminder == 0));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunAsync(Func<Task> step, CancellationToken stoppingToken)
    {
        try
        {
            await step();
            if (_failures.Recovered())
                Log.Recovered(logger);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            if (_failures.ShouldLog())
                Log.Failed(logger, ex);
        }
    }
}
