using Linkwatch.Agent.Net;
using Linkwatch.Shared;
using Linkwatch.Shared.Kinds.Tcp;

namespace Linkwatch.Agent.Probes;

/// <summary>The <c>tcp</c> kind: resolve and connect, then close.</summary>
public sealed class TcpProbe : Probe<TcpOptions>
{
    public override string Kind => CheckKinds.Tcp;

    public override async Task<AttemptResult> RunAttemptAsync(ProbeAttempt attempt, TcpOptions options,
        CancellationToken cancellationToken)
    {
        var dial = await attempt.DialAsync(cancellationToken).ConfigureAwait(false);
        if (dial.Socket is not { } socket)
            return Attempts.FromFailedDial(dial, attempt);

        var phases = Attempts.DialPhases(dial.ResolveMs, dial.ConnectMs, attempt);
        socket.Dispose();
        return new AttemptResult
        {
            Family = dial.Family,
            Address = AddressFamilies.Format(dial.Address!),
            Status = Statuses.Up,
            Verdict = Verdicts.Ok,
            Phases = phases,
        };
    }
}
