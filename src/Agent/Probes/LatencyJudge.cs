using System.Globalization;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// The common <c>maxLatencyMs</c> (see <see cref="Shared.Kinds.LatencyLimit"/>): an attempt that worked but whose total
/// phase is over the limit becomes <c>too_slow</c> (degraded). Applied by the runner to every probe's attempt, so each
/// connection kind gets the same rule; a failed attempt keeps its own verdict, the more useful one.
/// </summary>
public static class LatencyJudge
{
    public static AttemptResult Apply(AttemptResult attempt, int? maxLatencyMs)
    {
        if (maxLatencyMs is not { } limit || attempt.Verdict != Verdicts.Ok
            || !attempt.Phases.TryGetValue(Phases.Total, out var total) || total <= limit)
            return attempt;
        return attempt with
        {
            Status = Verdicts.StatusOf(Verdicts.TooSlow),
            Verdict = Verdicts.TooSlow,
            Error = string.Create(CultureInfo.InvariantCulture, $"took {total:0.#} ms, over the limit of {limit} ms"),
        };
    }
}
