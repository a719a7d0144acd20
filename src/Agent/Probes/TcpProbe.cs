using Linkwatch.Shared.Kinds.Tcp;

namespace Linkwatch.Agent.Probes;

/// <summary>The <c>tcp</c> kind: resolve and connect, then close.</summary>
public sealed class TcpProbe : Probe<TcpOptions>
{
    public override string Kind => CheckKinds.Tcp;

    public override async Task<AttemptResult> RunAttemptAsync(ProbeAttempt attempt, TcpOptions options,
        CancellationToken cancellationToken)
    {
        var dialed = await attempt.DialOrFailAsync(cancellationToken).ConfigureAwait(false);
        if (!dialed.Reached(out var socket, out var phases))
            return dialed.Failure;

        socket.Dispose();
        return new AttemptResult
        {
            Family = dialed.Dial.Family,
            Address = AddressFamilies.Format(dialed.Dial.Address!),
            Status = Statuses.Up,
            Verdict = Verdicts.Ok,
            Phases = phases,
        };
    }
}
