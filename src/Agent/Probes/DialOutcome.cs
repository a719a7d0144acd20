using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// What a probe's dial or lookup reached (a connected socket, a resolved address) with the phases so
/// far, or the finished attempt when it reached nothing, so every probe fails the dial stage alike.
/// </summary>
public sealed class DialOutcome<T> where T : class
{
    private readonly T? _value;
    private readonly Dictionary<string, double>? _phases;

    private DialOutcome(DialResult dial, T? value, Dictionary<string, double>? phases, AttemptResult? failure)
    {
        Dial = dial;
        _value = value;
        _phases = phases;
        Failure = failure;
    }

    public DialResult Dial { get; }

    /// <summary>The attempt to return as is when nothing was reached.</summary>
    public AttemptResult? Failure { get; }

    /// <summary>
    /// The socket or address reached (the caller owns a socket) and the resolve and connect phases
    /// as far as they ran, plus the total so far; false with <see cref="Failure"/> set otherwise.
    /// </summary>
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Reached([NotNullWhen(true)] out T? value, [NotNullWhen(true)] out Dictionary<string, double>? phases)
    {
        value = _value;
        phases = _phases;
        if (value is not null && phases is not null)
            return true;
        if (Failure is null)
            throw new UnreachableException("an outcome without a value always carries its failure");
        return false;
    }

    internal static DialOutcome<T> Of(DialResult dial, T value, Dictionary<string, double> phases) =>
        new(dial, value, phases, null);

    internal static DialOutcome<T> Not(DialResult dial, ProbeAttempt attempt) =>
        new(dial, null, null, Attempts.FromFailedDial(dial, attempt));
}
