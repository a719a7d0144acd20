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
    private long _newestSentMs;
    private long _sent;
    private long _committed;
    private long _failed;

    public sealed record Member(string Name, HubConnection Connection, ResultFactory[] Results);

    public int Agents => members.Count;
    public long Sent => Interlocked.Read(ref _sent);
    public long Committed => Interlocked.Read(ref _committed);
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The start time (Unix ms) of the newest result handed to the hub so far.</summary>
    public long NewestSentMs => Interlocked.Read(ref _newestSentMs);

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
        var newest = batch.Max(r => r.StartedAt).ToUnixTimeMilliseconds();
        Interlocked.Add(ref _sent, batch.Length);
        // Counted as sent before the call, so ingest delay shows up in the pages' lag as a person would see it.
        long seen;
        while ((seen = Interlocked.Read(ref _newestSentMs)) < newest && Interlocked.CompareExchange(ref _newestSentMs, newest, seen) != seen)
        {
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
