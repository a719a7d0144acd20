using Linkwatch.Agent.Probes;
using Linkwatch.Agent.Scheduling;
using Linkwatch.Shared;
using Linkwatch.Shared.Protocol;

namespace Linkwatch.Agent.Tests.Unit;

/// <summary>The agent's side of "run now": the scheduler's own run, for every assignment at once, bounded.</summary>
public class AssignmentRunTests
{
    /// <summary>Holds every run until all of <paramref name="expected"/> have started, so sequential runs would hang.</summary>
    private sealed class GatedRunner(int expected) : ICheckRunner
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _started;
        public List<CheckRequest> Requests { get; } = [];

        public async Task<CheckOutcome> RunAsync(CheckRequest request, CancellationToken cancellationToken)
        {
            lock (Requests)
                Requests.Add(request);
            if (Interlocked.Increment(ref _started) == expected)
                _all.TrySetResult();
            await _all.Task.WaitAsync(cancellationToken);
            return new CheckOutcome { Kind = request.Kind, Target = request.Target, Status = Statuses.Up, Verdict = Verdicts.Ok };
        }
    }

    private static CheckAssignment Assignment(string? peer, string target = "127.0.0.1:7660") => new()
    {
        CheckId = 42, Name = "mesh", Kind = CheckKinds.Tcp, Target = target, IntervalSeconds = 60, TimeoutSeconds = 2.5,
        Family = Families.Ipv4, Peer = peer,
    };

    [Fact]
    public async Task Every_assignment_runs_at_the_same_time_and_answers_in_the_order_asked()
    {
        var runner = new GatedRunner(3);
        CheckAssignment[] checks = [Assignment("b", "127.0.0.2:7660"), Assignment("a", "127.0.0.3:7660"), Assignment("c", "127.0.0.4:7660")];

        var results = await AssignmentRun.RunAllAsync(runner, checks, TimeProvider.System, CancellationToken.None).OrTimeout();

        Assert.Equal(["b", "a", "c"], results.Select(r => r.Peer));
        Assert.All(results, r => Assert.Equal(42, r.CheckId));
        Assert.Equal(3, results.Select(r => r.Id).Distinct().Count());
        Assert.Equal(["127.0.0.2:7660", "127.0.0.3:7660", "127.0.0.4:7660"], results.Select(r => r.Outcome.Target));
        Assert.All(runner.Requests, r => Assert.Equal((TimeSpan.FromSeconds(2.5), Families.Ipv4), (r.Timeout, r.Family)));
    }

    [Fact]
    public async Task More_assignments_than_the_limit_are_refused_before_any_runs()
    {
        var runner = new GatedRunner(int.MaxValue);
        var checks = Enumerable.Range(0, HubLimits.MaxRunNowAssignments + 1).Select(i => Assignment($"peer-{i}")).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => AssignmentRun.RunAllAsync(runner, checks, TimeProvider.System, CancellationToken.None));

        Assert.Empty(runner.Requests);
    }
}
