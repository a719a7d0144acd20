using System.Diagnostics;

namespace Linkwatch.Agent.Probes;

/// <summary>What one attempt of a probe works with: the target, one family, its deadline and the dial path.</summary>
public sealed class ProbeAttempt
{
    public required ParsedTarget Target { get; init; }
    /// <summary><c>auto</c>, <c>ipv4</c> or <c>ipv6</c>; never <c>both</c> (the runner splits that).</summary>
    public required string Family { get; init; }
    /// <summary>The whole attempt's budget: resolve, connect, handshake and transfer.</summary>
    public required TimeSpan Timeout { get; init; }
    public required Dialer Dialer { get; init; }
    /// <summary>Stopwatch timestamp of the attempt's start.</summary>
    public long StartedAt { get; init; } = Stopwatch.GetTimestamp();

    /// <summary>Time left before the deadline, never negative.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var left = Timeout - Stopwatch.GetElapsedTime(StartedAt);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>Resolves and connects to the target through the single dial path, within what is left of the attempt.</summary>
    public Task<DialResult> DialAsync(CancellationToken cancellationToken, DialTrace? trace = null) =>
        Dialer.DialAsync(Target.Host, Target.Port, Family, Remaining, cancellationToken, trace);

    /// <summary>
    /// Resolves the target through the dial path's resolver, for probes that open their own socket
    /// (udp, icmp). A failed lookup comes back as a failed dial.
    /// </summary>
    public Task<DialResult> ResolveAsync(CancellationToken cancellationToken) =>
        Dialer.ResolveAsync(Target.Host, Family, Remaining, cancellationToken);

    /// <summary>
    /// Dials like <see cref="DialAsync"/>; a dial that did not connect comes back as the failed
    /// attempt, ready to return.
    /// </summary>
    public async Task<DialOutcome<Socket>> DialOrFailAsync(CancellationToken cancellationToken, DialTrace? trace = null)
    {
        var dial = await DialAsync(cancellationToken, trace).ConfigureAwait(false);
        return dial.Socket is { } socket
            ? DialOutcome<Socket>.Of(dial, socket, Attempts.DialPhases(dial.ResolveMs, dial.ConnectMs, this))
            : DialOutcome<Socket>.Not(dial, this);
    }

    /// <summary>
    /// Resolves like <see cref="ResolveAsync"/>; a lookup that found no usable address comes back as
    /// the failed attempt, ready to return.
    /// </summary>
    public async Task<DialOutcome<IPAddress>> ResolveOrFailAsync(CancellationToken cancellationToken)
    {
        var resolved = await ResolveAsync(cancellationToken).ConfigureAwait(false);
        return resolved.Address is { } address && resolved.Verdict == Verdicts.Ok
            ? DialOutcome<IPAddress>.Of(resolved, address, Attempts.DialPhases(resolved.ResolveMs, null, this))
            : DialOutcome<IPAddress>.Not(resolved, this);
    }

    /// <summary>
    /// A token that fires at the deadline or when <paramref name="cancellationToken"/> does.
    /// Dispose it when the attempt ends.
    /// </summary>
    public CancellationTokenSource StartDeadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Remaining);
        return deadline;
    }
}
