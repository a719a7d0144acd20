using System.Diagnostics;
using Linkwatch.Shared;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Linkwatch.DashboardBench;

/// <summary>
/// The simulated fleet: every agent enrolled and connected over the agent hub, every check assigned to every
/// agent (the checks name no agent), each agent sending one result per check in one call per round.
/// </summary>
public sealed class Fleet(IReadOnlyList<Fleet.Member> members) : IAsyncDisposable
{
    private const int Parallelism = 32;
    // Per series (agent, check): the start times (Unix ms) of its newest and previous results handed to the hub.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Agent, long Check), (long Newest, long Previous)> _series = new();
    private long _sent;
    private long _committed;
    private long _failed;

    public sealed record Member(string Name, HubConnection Connection, ResultFactory[] Results);

    public int Agents => members.Count;
    public long Sent => Interlocked.Read(ref _sent);
    public long Committed => Interlocked.Read(ref _committed);
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>
    /// How long a row showing <paramref name="shownMs"/> has been out of date at <paramref name="nowMs"/>: zero while it
    /// shows the series' newest result, else the time since the first result newer than the shown one was handed to the hub.
    /// </summary>
    public double RowLagSeconds(string agent, long checkId, long shownMs, long nowMs)
    {
        if (!_series.TryGetValue((agent, checkId), out var sent) || shownMs >= sent.Newest)
            return 0;
        var firstUnseen = shownMs >= sent.Previous ? sent.Newest : sent.Previous;
        return Math.Max(0, (nowMs - firstUnseen) / 1000.0);
    }

    public static async Task<Fleet> CreateAsync(ServerProcess server, int agents, int checks, string target, CancellationToken cancellationToken)
    {
        using var api = new ServerApi(server.BaseUrl);
        var checkIds = new List<long>();
        for (var i = 0; i < checks; i++)
            checkIds.Add(await api.CreateCheckAsync($"bench check {i:00}", [], target, intervalSeconds: 10));
        var hubUri = AgentHubConnection.HubUri(server.BaseUrl);
        var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        var members = new Member[agents];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, agents), options, async (i, ct) =>
        {
            var name = $"bench-agent-{i:0000}";
            var credential = await api.EnrollAsync(name);
            var (connection, assignments) = await AgentHubConnection.ConnectAsync(name, credential, hubUri, invoker, ct);
            if (assignments.Checks.Count != checks)
                throw new InvalidOperationException($"{name} was assigned {assignments.Checks.Count} checks, not {checks}");
            members[i] = new Member(name, connection, [.. checkIds.Select((id, c) => new ResultFactory(id, target, seed: i * checks + c))]);
        });
        return new Fleet(members);
    }

    /// <summary>One call per agent, as fast as the server takes them: gives every series its newest result.</summary>
    public Task SubmitRoundAsync(CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (member, _) => await SubmitAsync(member));

    /// <summary>Every agent sends its round once per <paramref name="interval"/>, the agents staggered evenly, until <paramref name="stop"/>.</summary>
    public Task RunPacedAsync(TimeSpan interval, CancellationToken stop) =>
        Task.WhenAll(members.Select((member, i) => Task.Run(async () =>
        {
            var schedule = new Pacing(interval, i, members.Count, 1).ForLane(0);
            while (!stop.IsCancellationRequested)
            {
                await schedule.NextAsync(stop);
                if (!stop.IsCancellationRequested)
                    await SubmitAsync(member);
            }
        })));

    private async Task SubmitAsync(Member member)
    {
        var batch = member.Results.Select(r => r.Create(1)[0]).ToArray();
        Interlocked.Add(ref _sent, batch.Length);
        // Counted as sent before the call, so ingest delay shows up in the pages' lag as a person would see it.
        foreach (var r in batch)
        {
            var at = r.StartedAt.ToUnixTimeMilliseconds();
            _series.AddOrUpdate((member.Name, r.CheckId), (at, 0), (_, old) => at > old.Newest ? (at, old.Newest) : old);
        }
        try
        {
            // Not cancelled by the end of a window: a sent call is awaited to its ack (or the hub timeout).
            using var timeout = new CancellationTokenSource(AgentHubConnection.CallTimeout);
            var ack = await member.Connection.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), batch, timeout.Token);
            Interlocked.Add(ref _committed, ack.Committed.Count);
            if (ack.Rejected.Count > 0)
                Interlocked.Add(ref _failed, ack.Rejected.Count);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or HubException or InvalidOperationException)
        {
            Interlocked.Add(ref _failed, batch.Length);
            Trace.TraceWarning($"{member.Name}: {ex.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(members.Where(m => m is not null).Select(m => m.Connection.DisposeAsync().AsTask()));
    }
}
