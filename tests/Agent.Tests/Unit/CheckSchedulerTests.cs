using Linkwatch.Agent.Outbox;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.Scheduling;
using Linkwatch.Agent.State;
using Linkwatch.Shared;
using Linkwatch.Shared.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Linkwatch.Agent.Tests.Unit;

/// <summary>
/// The agent's schedule on a fake clock: every check on its own interval, never overlapping itself, no burst after an
/// overrun, in step with the assignment set, and every result in the outbox.
/// </summary>
public sealed class CheckSchedulerTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("linkwatch-scheduler-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingRunner _runner = new();
    private AssignmentStore _assignments = null!;
    private ResultOutbox _outbox = null!;
    private CheckScheduler _scheduler = null!;

    public Task InitializeAsync()
    {
        var options = new AgentRuntimeOptions
        {
            DataDirectory = _directory,
            Credentials = new AgentCredentials { Server = "http://127.0.0.1:1", Name = "t", Credential = "x" },
        };
        _runner.Clock = _time;
        _assignments = new AssignmentStore(options);
        _outbox = new ResultOutbox(options, NullLogger<ResultOutbox>.Instance);
        _scheduler = new CheckScheduler(_assignments, _runner, _outbox, _time, NullLogger<CheckScheduler>.Instance) { InitialSpread = TimeSpan.Zero };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _scheduler.StopAsync(CancellationToken.None).OrTimeout();
        await _scheduler.DisposeAsync();
        await _outbox.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Each_check_runs_on_its_own_interval_and_every_result_reaches_the_outbox()
    {
        Assign(Check(1, 10), Check(2, 30));
        await _scheduler.StartAsync(CancellationToken.None).OrTimeout();

        // t = 0, 10, 20, 30: check 1 four times, check 2 at 0 and 30.
        await _runner.WaitForRunsAsync(1, 1);
        await _runner.WaitForRunsAsync(2, 1);
        for (var second = 10; second <= 30; second += 10)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            await _runner.WaitForRunsAsync(1, second / 10 + 1);
        }
        await _runner.WaitForRunsAsync(2, 2);
        _time.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(50);

        Assert.Equal(4, _runner.Runs(1));
        Assert.Equal(2, _runner.Runs(2));
        Assert.Equal([0, 10, 20, 30], _runner.StartedAt(1).Select(t => (int)(t - Start).TotalSeconds));
        Assert.Equal(6, await WaitForOutboxAsync(6));
        Assert.Equal(2, _scheduler.ScheduledCount);
    }

    [Fact]
    public async Task A_run_that_overruns_its_interval_is_not_overlapped_and_is_followed_by_one_run_not_a_burst()
    {
        Assign(Check(1, 10));
        var release = _runner.Hold(1);
        await _scheduler.StartAsync(CancellationToken.None).OrTimeout();
        await _runner.WaitForRunsAsync(1, 1);

        // Three intervals pass while the first run is still in flight.
        for (var i = 0; i < 35; i++)
            _time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(100);
        Assert.Equal(1, _runner.Runs(1));

        release.SetResult();
        await _runner.WaitForRunsAsync(1, 2);
        await Task.Delay(100);
        Assert.Equal(2, _runner.Runs(1));
        Assert.Equal(1, _runner.MostAtOnce(1));

        // Back on the schedule: the next tick, at 40 s.
        _time.Advance(TimeSpan.FromSeconds(5));
        await _runner.WaitForRunsAsync(1, 3);
        Assert.Equal([0, 35, 40], _runner.StartedAt(1).Select(t => (int)(t - Start).TotalSeconds));
    }

    [Fact]
    public async Task A_removed_check_stops_a_changed_interval_restarts_and_the_newest_definition_is_run()
    {
        Assign(Check(1, 10), Check(2, 10));
        await _scheduler.StartAsync(CancellationToken.None).OrTimeout();
        await _runner.WaitForRunsAsync(1, 1);
        await _runner.WaitForRunsAsync(2, 1);

        // Check 2 goes, check 1 changes target (same interval: same loop), check 3 arrives.
        Assign(Check(1, 10, port: 2), Check(3, 60));
        await _runner.WaitForRunsAsync(3, 1);
        _time.Advance(TimeSpan.FromSeconds(10));
        await _runner.WaitForRunsAsync(1, 2);
        await Task.Delay(100);

        Assert.Equal(1, _runner.Runs(2));
        Assert.Equal("check1.invalid:2", _runner.Targets(1)[^1]);
        Assert.Equal(2, _scheduler.ScheduledCount);

        // A new interval starts a new loop at once.
        Assign(Check(1, 60, port: 2), Check(3, 60));
        await _runner.WaitForRunsAsync(1, 3);
        _time.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        Assert.Equal(3, _runner.Runs(1));
    }

    [Fact]
    public async Task Stopping_cancels_the_run_in_flight_and_schedules_nothing_more()
    {
        Assign(Check(1, 10));
        _runner.Hold(1);
        await _scheduler.StartAsync(CancellationToken.None).OrTimeout();
        await _runner.WaitForRunsAsync(1, 1);

        await _scheduler.StopAsync(CancellationToken.None).OrTimeout();
        _time.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(100);

        Assert.True(_runner.SawCancellation);
        Assert.Equal(1, _runner.Runs(1));
        Assert.Equal(0, _scheduler.ScheduledCount);
        Assert.Equal(0, await _outbox.CountAsync(CancellationToken.None));
        // The container disposes it as itself and as a hosted service; the fixture does once more.
        await _scheduler.DisposeAsync();
    }

    private DateTimeOffset Start { get; } = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private void Assign(params CheckAssignment[] checks) =>
        _assignments.Apply(new AssignmentSet { AgentName = "t", Checks = checks }, persist: false);

    private static CheckAssignment Check(long id, int intervalSeconds, int port = 1) => new()
    {
        CheckId = id, Name = $"check {id}", Kind = CheckKinds.Tcp, Target = $"check{id}.invalid:{port}", IntervalSeconds = intervalSeconds, TimeoutSeconds = 1,
        Family = Families.Ipv4,
    };

    private async Task<long> WaitForOutboxAsync(long expected)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Await;
        long count;
        while ((count = await _outbox.CountAsync(CancellationToken.None)) < expected && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        return count;
    }

    /// <summary>Records each run's check, target and (fake) start time; can hold a check's runs until released.</summary>
    private sealed class RecordingRunner : ICheckRunner
    {
        private readonly Lock _gate = new();
        private readonly List<(long CheckId, string Target, DateTimeOffset At)> _runs = [];
        private readonly Dictionary<long, int> _inFlight = [];
        private readonly Dictionary<long, int> _mostAtOnce = [];
        private readonly Dictionary<long, TaskCompletionSource> _holds = [];
        public FakeTimeProvider? Clock { get; set; }
        public bool SawCancellation { get; private set; }

        public TaskCompletionSource Hold(long checkId)
        {
            var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
                _holds[checkId] = hold;
            return hold;
        }

        public async Task<CheckOutcome> RunAsync(CheckRequest request, CancellationToken cancellationToken)
        {
            // Targets are "checkID.invalid:PORT" (Check below).
            var checkId = long.Parse(request.Target["check".Length..request.Target.IndexOf('.')], System.Globalization.CultureInfo.InvariantCulture);
            TaskCompletionSource? hold;
            lock (_gate)
            {
                _runs.Add((checkId, request.Target, Clock!.GetUtcNow()));
                _inFlight[checkId] = _inFlight.GetValueOrDefault(checkId) + 1;
                _mostAtOnce[checkId] = Math.Max(_mostAtOnce.GetValueOrDefault(checkId), _inFlight[checkId]);
                hold = _holds.GetValueOrDefault(checkId);
                if (hold is not null)
                    _holds.Remove(checkId);
            }
            try
            {
                if (hold is not null)
                {
                    try
                    {
                        await hold.Task.WaitAsync(cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        SawCancellation = true;
                        throw;
                    }
                }
                return new CheckOutcome { Kind = request.Kind, Target = request.Target, Status = Statuses.Up, Verdict = Verdicts.Ok };
            }
            finally
            {
                lock (_gate)
                    _inFlight[checkId]--;
            }
        }

        public int Runs(long checkId)
        {
            lock (_gate)
                return _runs.Count(r => r.CheckId == checkId);
        }

        public List<DateTimeOffset> StartedAt(long checkId)
        {
            lock (_gate)
                return _runs.Where(r => r.CheckId == checkId).Select(r => r.At).ToList();
        }

        public List<string> Targets(long checkId)
        {
            lock (_gate)
                return _runs.Where(r => r.CheckId == checkId).Select(r => r.Target).ToList();
        }

        public int MostAtOnce(long checkId)
        {
            lock (_gate)
                return _mostAtOnce.GetValueOrDefault(checkId);
        }

        public async Task WaitForRunsAsync(long checkId, int count)
        {
            var deadline = DateTime.UtcNow + TestTimeouts.Await;
            while (Runs(checkId) < count)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"check {checkId} ran {Runs(checkId)} times, not {count}");
                await Task.Delay(10);
            }
        }
    }
}
