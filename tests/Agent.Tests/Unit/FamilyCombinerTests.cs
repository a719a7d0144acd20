using Linkwatch.Agent.Probes;
using Linkwatch.Shared;

namespace Linkwatch.Agent.Tests.Unit;

public class FamilyCombinerTests
{
    private static AttemptResult Attempt(string family, string verdict, double? connectMs = 1) => new()
    {
        Family = family,
        Status = Verdicts.StatusOf(verdict),
        Verdict = verdict,
        Phases = connectMs is { } c ? new() { [Phases.Connect] = c } : [],
    };

    [Fact]
    public void Both_families_ok_is_ok_and_up()
    {
        var combined = FamilyCombiner.Combine(Attempt("ipv4", Verdicts.Ok), Attempt("ipv6", Verdicts.Ok));
        Assert.Equal(new CombinedVerdict(Statuses.Up, Verdicts.Ok), combined);
    }

    [Fact]
    public void Only_ipv6_failing_is_ipv6_failing_and_degraded()
    {
        var combined = FamilyCombiner.Combine(Attempt("ipv4", Verdicts.Ok), Attempt("ipv6", Verdicts.ConnectTimeout));
        Assert.Equal(new CombinedVerdict(Statuses.Degraded, Verdicts.Ipv6Failing), combined);
    }

    [Fact]
    public void Only_ipv4_failing_is_ipv4_failing_and_degraded()
    {
        var combined = FamilyCombiner.Combine(Attempt("ipv4", Verdicts.ConnectRefused), Attempt("ipv6", Verdicts.Ok));
        Assert.Equal(new CombinedVerdict(Statuses.Degraded, Verdicts.Ipv4Failing), combined);
    }

    [Fact]
    public void Both_failing_is_down_with_the_failing_verdict()
    {
        var combined = FamilyCombiner.Combine(Attempt("ipv4", Verdicts.ConnectRefused), Attempt("ipv6", Verdicts.ConnectRefused));
        Assert.Equal(new CombinedVerdict(Statuses.Down, Verdicts.ConnectRefused), combined);
    }

    [Theory]
    [InlineData(10, 100, true)]   // 10x and 90 ms apart
    [InlineData(100, 10, true)]   // either family may be the slow one
    [InlineData(1, 40, false)]    // 40x but only 39 ms apart: LAN jitter
    [InlineData(100, 250, false)] // 150 ms apart but only 2.5x
    [InlineData(20, 60, false)]   // exactly 3x is not over 3x
    public void Latency_divergence_needs_over_3x_and_over_50ms(double v4Ms, double v6Ms, bool divergent)
    {
        var combined = FamilyCombiner.Combine(Attempt("ipv4", Verdicts.Ok, v4Ms), Attempt("ipv6", Verdicts.Ok, v6Ms));
        Assert.Equal(divergent
            ? new CombinedVerdict(Statuses.Degraded, Verdicts.FamilyLatencyDivergence)
            : new CombinedVerdict(Statuses.Up, Verdicts.Ok), combined);
    }

    [Fact]
    public void A_family_without_address_is_not_a_failure_when_the_other_is_ok()
    {
        var combined = FamilyCombiner.Combine(Attempt("ipv4", Verdicts.Ok), Attempt("ipv6", Verdicts.NoAddress, null));
        Assert.Equal(new CombinedVerdict(Statuses.Up, Verdicts.Ok), combined);
    }

    [Fact]
    public void A_family_without_address_leaves_the_other_familys_failure_as_the_verdict()
    {
        var combined = FamilyCombiner.Combine(Attempt("ipv4", Verdicts.NoAddress, null), Attempt("ipv6", Verdicts.ConnectRefused));
        Assert.Equal(new CombinedVerdict(Statuses.Down, Verdicts.ConnectRefused), combined);
    }

    [Fact]
    public void A_degraded_but_working_family_makes_the_check_degraded()
    {
        var combined = FamilyCombiner.Combine(Attempt("ipv4", Verdicts.Ok), Attempt("ipv6", Verdicts.CertExpiring));
        Assert.Equal(new CombinedVerdict(Statuses.Degraded, Verdicts.CertExpiring), combined);
    }
}
