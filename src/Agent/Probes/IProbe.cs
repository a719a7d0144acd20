using Linkwatch.Shared;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// One check kind. A probe validates its own options and runs one attempt for one family;
/// the runner owns families, deadlines and combining attempts. A new kind is one new file.
/// </summary>
public interface IProbe
{
    /// <summary>The kind name from <see cref="CheckKinds"/>.</summary>
    string Kind { get; }

    /// <summary>Reads and validates the kind's options; errors go to <paramref name="reader"/>.</summary>
    object ReadOptions(ProbeOptionReader reader);

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
