using System.Diagnostics;
using Linkwatch.Shared;
using Microsoft.AspNetCore.SignalR.Client;

namespace Linkwatch.IngestBench;

/// <summary>One enrolled agent with its own hub connection (<see cref="AgentHubConnection"/>) sending results as fast or as paced as asked.</summary>
public sealed class SimulatedAgent(string name, string credential, Uri hubUri, HttpMessageInvoker invoker, ResultFactory results)
    : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = AgentHubConnection.CallTimeout;
    private HubConnection? _connection;

    public string Name { get; } = name;

    public async Task ConnectAsync(CancellationToken cancellationToken) =>
        (_connection, _) = await AgentHubConnection.ConnectAsync(Name, credential, hubUri, invoker, cancellationToken);

    /// <summary>
    /// Submits batches on <paramref name="inFlight"/> parallel lanes until <paramref name="stop"/> fires or the
    /// budget is spent; calls already sent are awaited to their ack. Lanes send back to back, or, with a
    /// <paramref name="pacing"/>, each on its own schedule.
    /// </summary>
    public Task RunAsync(int batchSize, int inFlight, Pacing? pacing, ResultBudget budget, LoadRecorder recorder, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, inFlight).Select(lane =>
            Task.Run(() => LaneAsync(batchSize, pacing?.ForLane(lane), budget, recorder, stop))));

    private async Task LaneAsync(int batchSize, Pacing.Schedule? schedule, ResultBudget budget, LoadRecorder recorder, CancellationToken stop)
    {
        var connection = _connection ?? throw new InvalidOperationException("not connected");
        while (!stop.IsCancellationRequested)
        {
            // Paced calls are timed from when they were due, so a slow server cannot hide its delay by holding senders back.
            var started = schedule is null ? Stopwatch.GetTimestamp() : await schedule.NextAsync(stop);
            if (stop.IsCancellationRequested)
                return;
            var count = budget.Take(batchSize);
            if (count == 0)
                return;
            var batch = results.Create(count);
            try
            {
                // Not cancelled by stop: an ack is awaited to the end so the stored count can be checked.
                using var timeout = new CancellationTokenSource(CallTimeout);
                var ack = await connection.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), batch, timeout.Token);
                recorder.Acked(started, Stopwatch.GetTimestamp(), count, ack.Committed.Count, ack.Rejected.Count);
            }
            catch (Exception ex)
            {
                recorder.Failed(count, ex);
                if (connection.State != HubConnectionState.Connected)
                    return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
