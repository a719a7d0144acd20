namespace Linkwatch.Server.Alerts.Engine;

/// <summary>
/// One (rule, check, agent) series: consecutive failures and successes and the triggered flag, as gatus
/// keeps them per endpoint alert. Triggered turns on after the failure threshold and off only after the
/// success threshold, so a series between the two keeps its last side (hysteresis).
/// </summary>
public sealed class SeriesCounter
{
    public int Failures { get; private set; }
    public int Successes { get; private set; }
    public bool Triggered { get; set; }
    public Guid? FirstFailingId { get; private set; }
    public long? FirstFailingAt { get; private set; }
    public string Verdict { get; private set; } = "";
    public string Status { get; private set; } = "";
    /// <summary>Server time of the last result, to leave silent agents out of a quorum.</summary>
    public long LastSeenAt { get; private set; }

    /// <summary>Counts <paramref name="result"/> as <paramref name="rule"/> sees it; <paramref name="now"/> is server time.</summary>
    public void Observe(CompiledRule rule, StoredResult result, long now) =>
        Observe(rule.FailingVerdict(result), result.Id, result.StartedAt.ToUnixTimeMilliseconds(), result.Status, result.Verdict,
            rule.OpenAfterFailures, rule.ResolveAfterSuccesses, now);

    public void Observe(string? failingVerdict, Guid resultId, long startedAt, string status, string verdict,
        int openAfter, int resolveAfter, long now)
    {
        LastSeenAt = now;
        Status = status;
        if (failingVerdict is not null)
        {
            Successes = 0;
            if (++Failures == 1)
            {
                FirstFailingId = resultId;
                FirstFailingAt = startedAt;
            }
            Verdict = failingVerdict;
            if (Failures >= openAfter)
                Triggered = true;
        }
        else
        {
            Failures = 0;
            Verdict = verdict;
            if (++Successes >= resolveAfter)
                Triggered = false;
        }
    }
}
