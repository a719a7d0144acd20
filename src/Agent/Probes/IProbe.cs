using Linkwatch.Shared.Kinds;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// How the agent runs one check kind. The kind's descriptor in <see cref="CheckKindCatalog"/> reads and
/// validates its options; a probe runs one attempt for one family with them, and the runner owns
/// families, deadlines and combining attempts. A new kind is its folder in src/Shared/Kinds and one probe.
/// </summary>
public interface IProbe
{
    /// <summary>The kind name from <see cref="CheckKinds"/>.</summary>
    string Kind { get; }

    /// <summary>
    /// Time the attempt may run past the check's timeout, for kinds whose measurement starts after
    /// the timed part (close-propagation waits for the peer's close once connected and sent).
    /// </summary>
    TimeSpan ExtraTime(object options);

    /// <summary>
    /// Runs one attempt. Network failures and the attempt's deadline become verdicts; only
    /// <paramref name="cancellationToken"/> (the caller giving up) throws.
    /// </summary>
    Task<AttemptResult> RunAttemptAsync(ProbeAttempt attempt, object options, CancellationToken cancellationToken);
}
