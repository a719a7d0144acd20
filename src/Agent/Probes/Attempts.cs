namespace Linkwatch.Agent.Probes;

/// <summary>Builds attempt results the same way for every probe.</summary>
public static class Attempts
{
    /// <summary>The attempt for a dial that did not connect (including <c>no_address</c>).</summary>
    public static AttemptResult FromFailedDial(DialResult dial, ProbeAttempt attempt) => new()
    {
        Family = dial.Family ?? FamilyOrNull(attempt.Family),
        Address = dial.Address is { } a ? AddressFamilies.Format(a) : null,
        Status = Verdicts.StatusOf(dial.Verdict),
        Verdict = dial.Verdict,
        Phases = DialPhases(dial.ResolveMs, dial.ConnectMs, attempt),
        Error = dial.Error,
    };

    /// <summary>An attempt that failed with <paramref name="verdict"/> after what <paramref name="trace"/> recorded.</summary>
    public static AttemptResult Failed(string verdict, string error, ProbeAttempt attempt, DialTrace trace,
        Dictionary<string, double>? phases = null) => Finished(verdict, error, attempt, trace, phases);

    /// <summary>
    /// An attempt that ended with <paramref name="verdict"/> (ok or not) after what <paramref name="trace"/>
    /// recorded, for probes whose dial happens inside a handler. The total is set now.
    /// </summary>
    public static AttemptResult Finished(string verdict, string? error, ProbeAttempt attempt, DialTrace trace,
        Dictionary<string, double>? phases = null)
    {
        phases ??= DialPhases(trace.ResolveMs, trace.ConnectMs, attempt);
        phases[Shared.Phases.Total] = Timings.Since(attempt.StartedAt);
        return new AttemptResult
        {
            Family = trace.Address is { } a ? AddressFamilies.NameOf(a) : FamilyOrNull(attempt.Family),
            Address = trace.Address is { } b ? AddressFamilies.Format(b) : null,
            Status = Verdicts.StatusOf(verdict),
            Verdict = verdict,
            Phases = phases,
            BytesSent = trace.BytesSent,
            BytesReceived = trace.BytesReceived,
            Error = error,
        };
    }

    /// <summary>
    /// The attempt of a probe that connected: the verdict, its phases (the total is set now and
    /// listed last, after the phases it sums) and the bytes it moved.
    /// </summary>
    public static AttemptResult Connected(DialResult dial, ProbeAttempt attempt, string verdict, string? error,
        Dictionary<string, double> phases, long bytesSent = 0, long bytesReceived = 0)
    {
        return new AttemptResult
        {
            Family = dial.Family,
            Address = dial.Address is { } a ? AddressFamilies.Format(a) : null,
            Status = Verdicts.StatusOf(verdict),
            Verdict = verdict,
            Phases = WithTotalLast(phases, Timings.Since(attempt.StartedAt)),
            BytesSent = bytesSent,
            BytesReceived = bytesReceived,
            Error = verdict == Verdicts.Ok ? null : error,
        };
    }

    /// <summary>
    /// A copy of <paramref name="phases"/> with the total last, after the phases it sums, as people
    /// read it. A copy, because a dictionary reuses a removed key's slot when the key is re-added.
    /// </summary>
    public static Dictionary<string, double> WithTotalLast(Dictionary<string, double> phases, double total)
    {
        var ordered = new Dictionary<string, double>(phases.Count + 1);
        foreach (var (name, ms) in phases)
        {
            if (name != Shared.Phases.Total)
                ordered[name] = ms;
        }
        ordered[Shared.Phases.Total] = total;
        return ordered;
    }

    /// <summary>Resolve and connect phases as far as they ran, plus the total so far.</summary>
    public static Dictionary<string, double> DialPhases(double? resolveMs, double? connectMs, ProbeAttempt attempt)
    {
        var phases = new Dictionary<string, double>();
        if (resolveMs is { } r)
            phases[Shared.Phases.Resolve] = r;
        if (connectMs is { } c)
            phases[Shared.Phases.Connect] = c;
        phases[Shared.Phases.Total] = Timings.Since(attempt.StartedAt);
        return phases;
    }

    /// <summary>The verdict for a deadline that fired during the dial stage <paramref name="stage"/>.</summary>
    public static (string Verdict, string Error) ForDeadlineDuring(DialStage stage) => stage switch
    {
        DialStage.Resolving => (Verdicts.ResolveFailed, "timed out resolving"),
        DialStage.NotStarted or DialStage.Connecting => (Verdicts.ConnectTimeout, "timed out connecting"),
        _ => (Verdicts.Timeout, "timed out"),
    };

    private static string? FamilyOrNull(string family) => family is Families.Ipv4 or Families.Ipv6 ? family : null;
}
