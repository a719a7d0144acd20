using System.Threading.Channels;
using Linkwatch.Server.Health;
using Linkwatch.Server.Live;

namespace Linkwatch.Server.Alerts;

/// <summary>
/// Runs the <see cref="AlertEngine"/>: results arrive from <see cref="LiveEvents"/> through an unbounded
/// channel (the ingest writer publishes after its commit and must never wait on alerting), and a
/// timer asks for reminders every <see cref="ReminderPeriod"/>. One loop, so the engine sees one thing at a time.
/// </summary>
public sealed partial class AlertEngineService(
    AlertEngine engine, LiveEvents live, Readiness readiness, TimeProvider time, ILogger<AlertEngineService> logger) : BackgroundService
{
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(30);

    /// <summary>A batch of results, or null for "check reminders".</summary>
    private readonly Channel<IReadOnlyList<StoredResult>?> _work =
        Channel.CreateUnbounded<IReadOnlyList<StoredResult>?>(new UnboundedChannelOptions { SingleReader = true });

    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Subscribe first: results stored while the engine restores wait in the channel.
        using var subscription = live.Subscribe(e =>
        {
            if (e is ResultsStored stored)
                _work.Writer.TryWrite(stored.Results);
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
                // Everything waiting goes in one pass: one set of lookups for a burst of batches.
                while (_work.Reader.TryRead(out var item))
                {
                    if (item is null)
                        remind = true;
                    else
                        batch.AddRange(item);
                }
                if (batch.Count > 0)
                    await RunAsync(() => engine.ProcessAsync(batch, stoppingToken), stoppingToken);
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
            using var timer = new PeriodicTimer(ReminderPeriod, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
                _work.Writer.TryWrite(null);
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
            if (_failing)
                Log.Recovered(logger);
            _failing = false;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // A database hiccup loses this batch's evaluation; the next results carry on. Log once per streak.
            if (!_failing)
                Log.Failed(logger, ex);
            _failing = true;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Evaluating alerts failed; further failures are not logged until it works again", EventName = "AlertEvaluationFailed")]
        public static partial void Failed(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Information, "Evaluating alerts works again", EventName = "AlertEvaluationRecovered")]
        public static partial void Recovered(ILogger logger);
    }
}
