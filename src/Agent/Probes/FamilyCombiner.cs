namespace Linkwatch.Agent.Probes;

/// <summary>Turns the two attempts of a <c>family: both</c> check into one verdict (docs/checks.md, address families).</summary>
public static class FamilyCombiner
{
    /// <summary>Connect times must differ by more than this factor to count as divergence...</summary>
    public const double DivergenceFactor = 3;

    /// <summary>...and by more than this many milliseconds, so sub-millisecond jitter on a LAN is not an alert.</summary>
    public const double DivergenceMinimumMs = 50;

    public static CombinedVerdict Combine(AttemptResult ipv4, AttemptResult ipv6)
    {
        var v4Absent = ipv4.Verdict == Verdicts.NoAddress;
        var v6Absent = ipv6.Verdict == Verdicts.NoAddress;
        if (v4Absent && v6Absent)
            return new CombinedVerdict(Statuses.Down, Verdicts.Error);
        // A family the name does not have is not a failure: the other family decides alone.
        if (v4Absent)
            return new CombinedVerdict(ipv6.Status, ipv6.Verdict);
        if (v6Absent)
            return new CombinedVerdict(ipv4.Status, ipv4.Verdict);

        var v4Failed = ipv4.Status == Statuses.Down;
        var v6Failed = ipv6.Status == Statuses.Down;
        if (v4Failed && v6Failed)
            return new CombinedVerdict(Statuses.Down, ipv4.Verdict);
        if (v6Failed)
            return new CombinedVerdict(Statuses.Degraded, Verdicts.Ipv6Failing);
        if (v4Failed)
            return new CombinedVerdict(Statuses.Degraded, Verdicts.Ipv4Failing);

        if (IsDivergent(ipv4, ipv6))
            return new CombinedVerdict(Statuses.Degraded, Verdicts.FamilyLatencyDivergence);
        // Both work; a degraded attempt (an expiring certificate) still makes the check degraded.
        if (ipv4.Status == Statuses.Degraded)
            return new CombinedVerdict(Statuses.Degraded, ipv4.Verdict);
        if (ipv6.Status == Statuses.Degraded)
            return new CombinedVerdict(Statuses.Degraded, ipv6.Verdict);
        return new CombinedVerdict(Statuses.Up, Verdicts.Ok);
    }

    private static bool IsDivergent(AttemptResult a, AttemptResult b)
    {
        if (!a.Phases.TryGetValue(Phases.Connect, out var x) || !b.Phases.TryGetValue(Phases.Connect, out var y))
            return false;
        var (fast, slow) = x <= y ? (x, y) : (y, x);
        return slow > DivergenceFactor * fast && slow - fast > DivergenceMinimumMs;
    }
}
