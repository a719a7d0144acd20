namespace Linkwatch.Server.Push;

/// <summary>The results a push check records: a push as it reported itself, or a missed deadline.</summary>
public static class PushResults
{
    public static AgentResult Of(long checkId, DateTimeOffset at, string verdict, string? message, double? pingMs)
    {
        var status = Verdicts.StatusOf(verdict);
        Dictionary<string, double> phases = pingMs is { } ping ? new() { [Phases.Total] = ping } : [];
        return new AgentResult
        {
            Id = Guid.CreateVersion7(at),
            CheckId = checkId,
            StartedAt = at,
            Outcome = new CheckOutcome
            {
                Kind = CheckKinds.Push,
                Target = "",
                Status = status,
                Verdict = verdict,
                Message = message,
                Attempts = [new AttemptResult { Status = status, Verdict = verdict, Phases = phases, Error = verdict == Verdicts.Ok ? null : message }],
            },
        };
    }
}
