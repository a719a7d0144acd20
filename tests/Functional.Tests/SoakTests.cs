using System.Globalization;
using System.Text;
using Linkwatch.SimulatedAgents;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Linkwatch.Functional.Tests;

/// <summary>
/// The soak of docs/reliability.md: the real server on SQLite, 200 simulated agents streaming through the agent's
/// real hub transport with the outbox's resend-until-acked promise, and one real agent process running a tcp check.
/// The server is killed with SIGKILL twice and the real agent once, each restarted on the same port and data
/// directory. At the end every produced id must be stored exactly once and nothing honest refused.
/// <c>LINKWATCH_SOAK_MINUTES</c> sets the streaming time (default 3).
/// It runs alone (after the assembly's other tests), so its load does not disturb their timings nor theirs its figures.
/// </summary>
[Collection(SoakCollection.Name)]
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int SimulatedAgents = 200;
    private const int BatchSize = 2;
    private const string RealAgent = "soak-real";
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Setup = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Two_hundred_agents_stream_through_two_server_crashes_and_an_agent_crash_with_nothing_lost_duplicated_or_refused()
    {
        var streaming = TimeSpan.FromMinutes(SoakMinutes());
        var started = DateTime.UtcNow;
        using var temp = new TempDirectory("linkwatch-soak");
        using var target = new TcpTarget();
        var agents = new List<OutboxAgent>();
        var loops = new List<Task>();
        using var produce = new CancellationTokenSource();
        using var stop = new CancellationTokenSource();
        using var invoker = AgentHubConnection.CreateInvoker();
        var server = await ServerProcess.StartAsync(temp.Sub("server"));
        var sampler = new ServerSampler(server.Process.Id);
        var realData = temp.Sub("agent");
        ChildProcess? real = null;
        try
        {
            var port = server.BaseUrl.Port;
            long realCheck;
            using (var api = server.CreateApiClient())
            {
                realCheck = await api.CreateCheckAsync(new { name = "soak real tcp", kind = "tcp", target = target.Target, intervalSeconds = 1, agents = new[] { RealAgent } })
                    .WaitAsync(Setup);
                var hubUri = AgentHubConnection.HubUri(server.BaseUrl);
                for (var i = 0; i < SimulatedAgents; i++)
                {
                    var name = $"soak-{i:D3}";
                    // Idle for the server (an hour's interval), assigned to this agent only: its results pass the trust rules.
                    var checkId = await api.CreateCheckAsync(new { name = $"soak check {i:D3}", kind = "tcp", target = target.Target, intervalSeconds = 3600, agents = new[] { name } })
                        .WaitAsync(Setup);
                    var credential = await Api.EnrollAsync(server.BaseUrl, name).WaitAsync(Setup);
                    agents.Add(new OutboxAgent(name, credential, hubUri, invoker, new ResultFactory(checkId, target.Target, seed: i), seed: 1000 + i));
                }
            }
            await AgentProcess.EnrollAsync(server.BaseUrl, RealAgent, realData).WaitAsync(Setup);
            real = AgentProcess.Run(realData);
            var setupDone = DateTime.UtcNow;
            loops.AddRange(agents.Select(a => Task.Run(() => a.RunAsync(Period, BatchSize, produce.Token, stop.Token))));
            var firstConnect = await AllConnectedAsync(agents, 1);
            output.WriteLine($"setup {(setupDone - started).TotalSeconds:F1} s; {SimulatedAgents} agents connected {firstConnect.TotalSeconds:F1} s after starting");

            var refused = 0L;
            var reconnects = new List<TimeSpan>();
            HashSet<Guid> outboxAtCrash;

            // First crash: the server, and while it is down the real agent with results waiting in its outbox.
            await Task.Delay(streaming * 0.25).WaitAsync(streaming);
            refused += await RefusedAsync(server);
            sampler.EndLife();
            await server.KillAsync().WaitAsync(TestTimeouts.Await);
            await Task.Delay(Outage).WaitAsync(TestTimeouts.Await);
            await real.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Await);
            outboxAtCrash = ReadOutbox(realData);
            await server.StartAgainAsync(port).WaitAsync(Setup);
            sampler.StartLife(server.Process.Id);
            real = AgentProcess.Run(realData);
            reconnects.Add(await AllConnectedAsync(agents, 2));

            // Second crash: the server alone.
            await Task.Delay(streaming * 0.4).WaitAsync(streaming);
            refused += await RefusedAsync(server);
            sampler.EndLife();
            await server.KillAsync().WaitAsync(TestTimeouts.Await);
            await Task.Delay(Outage).WaitAsync(TestTimeouts.Await);
            await server.StartAgainAsync(port).WaitAsync(Setup);
            sampler.StartLife(server.Process.Id);
            reconnects.Add(await AllConnectedAsync(agents, 3));

            var remaining = streaming - (DateTime.UtcNow - setupDone);
            if (remaining > TimeSpan.Zero)
                await Task.Delay(remaining).WaitAsync(streaming);
            await produce.CancelAsync();
            var drainStart = DateTime.UtcNow;
            await Api.EventuallyAsync(() => Task.FromResult(agents.Sum(a => a.Unacked)), n => n == 0, Drain, "every simulated agent's outbox acked");
            var drained = DateTime.UtcNow - drainStart;
            // The real agent keeps probing every second; it is stopped at a moment its outbox is empty.
            await Api.EventuallyAsync(() => Task.FromResult(OutboxCount(realData)), n => n == 0, Drain, "the real agent's outbox sent");
            await real.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Await);
            real = null;
            var realPending = ReadOutbox(realData);
            await stop.CancelAsync();
            await Task.WhenAll(loops).WaitAsync(TestTimeouts.Process);

            var stored = await StoredAsync(server, agents, realCheck);
            refused += await RefusedAsync(server);
            sampler.EndLife();

            // Counting.
            var producedBy = new Dictionary<Guid, int>();
            foreach (var agent in agents)
            {
                foreach (var id in agent.Produced)
                    producedBy[id] = producedBy.GetValueOrDefault(id) + 1;
            }
            var simulatedRows = stored.Simulated;
            var realRows = stored.Real;
            var simulatedDistinct = simulatedRows.ToHashSet();
            var realDistinct = realRows.ToHashSet();
            var producedSimulated = producedBy.Count;
            var producedTwice = producedBy.Count(p => p.Value > 1);
            var storedNotProduced = simulatedDistinct.Count(id => !producedBy.ContainsKey(id));
            var lostSimulated = producedBy.Keys.Count(id => !simulatedDistinct.Contains(id));
            var producedReal = realDistinct.Union(realPending).Count();
            var lostReal = realPending.Count(id => !realDistinct.Contains(id)) + outboxAtCrash.Count(id => !realDistinct.Contains(id));
            var duplicated = simulatedRows.Count - simulatedDistinct.Count + realRows.Count - realDistinct.Count;
            var rejected = agents.Sum(a => a.RejectedIds);
            var reAcked = agents.Sum(a => a.AcksForAckedIds);
            var unknownAcks = agents.Sum(a => a.AcksForUnknownIds);

            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"soak: {SimulatedAgents} simulated agents + 1 real agent, {streaming.TotalMinutes:0.#} min streaming, load average {LoadAverage()}");
            report.AppendLine(CultureInfo.InvariantCulture, $"produced: {producedSimulated + producedReal} ({producedSimulated} simulated, {producedReal} by the real agent)");
            report.AppendLine(CultureInfo.InvariantCulture, $"stored: {simulatedRows.Count + realRows.Count} rows ({simulatedRows.Count} simulated, {realRows.Count} real)");
            report.AppendLine(CultureInfo.InvariantCulture, $"duplicated: {duplicated} (rows minus distinct ids); ids produced twice: {producedTwice}; stored ids never produced: {storedNotProduced}");
            report.AppendLine(CultureInfo.InvariantCulture, $"acks for ids already acked (resends after a lost ack): {reAcked}; acks for unknown ids: {unknownAcks}");
            report.AppendLine(CultureInfo.InvariantCulture, $"lost: {lostSimulated + lostReal} ({lostSimulated} simulated, {lostReal} real; the real agent's outbox held {outboxAtCrash.Count} at its kill -9, {realPending.Count} at the end)");
            report.AppendLine(CultureInfo.InvariantCulture, $"refused: {rejected} in acks' Rejected, {refused} by linkwatch_results_refused_total");
            report.AppendLine(CultureInfo.InvariantCulture, $"reconnect of all {SimulatedAgents} after each restart: {string.Join(", ", reconnects.Select(r => $"{r.TotalSeconds:F1} s"))}; failed calls {agents.Sum(a => a.FailedCalls)}, connects {agents.Sum(a => a.Connects)}; drain {drained.TotalSeconds:F1} s");
            for (var i = 0; i < sampler.Lives.Count; i++)
                report.AppendLine(CultureInfo.InvariantCulture, $"server life {i + 1}: peak RSS (VmHWM) {sampler.Lives[i].PeakRss / (1024.0 * 1024):F0} MiB, peak fds {sampler.Lives[i].PeakFds}");
            report.AppendLine(CultureInfo.InvariantCulture, $"wall time {(DateTime.UtcNow - started).TotalSeconds:F0} s");
            output.WriteLine(report.ToString());

            Assert.Equal(0, duplicated);
            Assert.Equal(0, producedTwice);
            Assert.Equal(0, storedNotProduced);
            Assert.Equal(0, unknownAcks);
            Assert.Equal(0, lostSimulated + lostReal);
            Assert.Equal(0, rejected);
            Assert.Equal(0, refused);
            Assert.True(outboxAtCrash.Count > 0, "the real agent's outbox was empty at its kill -9, so its delivery after the restart was not tested");
            // One result a second, less the time it was down or starting.
            Assert.True(realRows.Count >= streaming.TotalSeconds / 2, $"the real agent stored only {realRows.Count} results in {streaming}");
            Assert.Equal(3, sampler.Lives.Count);
        }
        finally
        {
            await produce.CancelAsync();
            await stop.CancelAsync();
            await Task.WhenAny(Task.WhenAll(loops), Task.Delay(TestTimeouts.Await));
            foreach (var agent in agents)
                await agent.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Await);
            if (real is not null)
                await real.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Await);
            await server.DisposeAsync().AsTask().WaitAsync(TestTimeouts.Await);
            sampler.Dispose();
        }
    }

    private static double SoakMinutes()
    {
        var text = Environment.GetEnvironmentVariable("LINKWATCH_SOAK_MINUTES");
        if (string.IsNullOrEmpty(text))
            return 3;
        Assert.True(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) && minutes is >= 1 and <= 240,
            $"LINKWATCH_SOAK_MINUTES must be a number of minutes from 1 to 240, not '{text}'");
        return minutes;
    }

    /// <summary>Waits until every simulated agent has connected <paramref name="times"/> times; returns how long that took.</summary>
    private static async Task<TimeSpan> AllConnectedAsync(List<OutboxAgent> agents, int times)
    {
        var from = DateTime.UtcNow;
        await Api.EventuallyAsync(() => Task.FromResult(agents.Count(a => a.Connects >= times)), n => n == agents.Count, Reconnect,
            $"all {agents.Count} simulated agents connected {times} times");
        return DateTime.UtcNow - from;
    }

    private static async Task<long> RefusedAsync(ServerProcess server)
    {
        using var api = server.CreateApiClient();
        var text = await api.GetStringAsync("/metrics").WaitAsync(TestTimeouts.Await);
        var line = text.Split('\n').Single(l => l.StartsWith("linkwatch_results_refused_total ", StringComparison.Ordinal));
        return (long)double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    private static async Task<(List<Guid> Simulated, List<Guid> Real)> StoredAsync(ServerProcess server, List<OutboxAgent> agents, long realCheck)
    {
        using var api = server.CreateApiClient();
        var simulated = new List<Guid>();
        foreach (var agent in agents)
            simulated.AddRange(Ids(await Api.GetArrayAsync(api, $"/api/results?agent={agent.Name}&limit=100000").WaitAsync(TestTimeouts.Await)));
        var real = Ids(await Api.GetArrayAsync(api, $"/api/results?checkId={realCheck}&limit=100000").WaitAsync(TestTimeouts.Await)).ToList();
        return (simulated, real);

        static IEnumerable<Guid> Ids(System.Text.Json.Nodes.JsonArray rows) => rows.Select(r => Guid.Parse(r!["id"]!.GetValue<string>()));
    }

    /// <summary>The ids in the agent's durable outbox (<c>outbox.db</c>, table <c>outbox</c>).</summary>
    private static HashSet<Guid> ReadOutbox(string dataDirectory)
    {
        using var connection = OpenOutbox(dataDirectory);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM outbox";
        using var reader = command.ExecuteReader();
        var ids = new HashSet<Guid>();
        while (reader.Read())
            ids.Add(Guid.Parse(reader.GetString(0)));
        return ids;
    }

    private static int OutboxCount(string dataDirectory)
    {
        using var connection = OpenOutbox(dataDirectory);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM outbox";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static SqliteConnection OpenOutbox(string dataDirectory)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "outbox.db"),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static string LoadAverage()
    {
        var fields = File.ReadAllText("/proc/loadavg").Split(' ');
        return $"{fields[0]} {fields[1]} {fields[2]} on {Environment.ProcessorCount} cores";
    }

    /// <summary>Peak RSS (VmHWM) and open file descriptors of each server process life, read every second.</summary>
    private sealed class ServerSampler : IDisposable
    {
        private readonly Lock _lock = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int? _pid;
        private long _peakRss;
        private int _peakFds;

        public ServerSampler(int pid)
        {
            _pid = pid;
            _loop = Task.Run(LoopAsync);
        }

        public List<(long PeakRss, int PeakFds)> Lives { get; } = [];

        public void StartLife(int pid)
        {
            lock (_lock)
            {
                _pid = pid;
                _peakRss = 0;
                _peakFds = 0;
            }
        }

        /// <summary>Takes a last reading (VmHWM is the life's own peak) and closes the life; call before the kill.</summary>
        public void EndLife()
        {
            lock (_lock)
            {
                Sample();
                Lives.Add((_peakRss, _peakFds));
                _pid = null;
            }
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                lock (_lock)
                    Sample();
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        private void Sample()
        {
            if (_pid is not { } pid)
                return;
            try
            {
                _peakRss = Math.Max(_peakRss, ProcessStats.PeakRss(pid));
                _peakFds = Math.Max(_peakFds, ProcessStats.OpenFiles(pid));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // The process is gone (killed, or not yet replaced); the next life starts a fresh reading.
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _loop.Wait(TimeSpan.FromSeconds(5));
            _stop.Dispose();
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "soak";
}
