using Linkwatch.Shared.Diagnostics;

namespace Linkwatch.Agent.Responder;

/// <summary>
/// What the responder's TCP and UDP services share about their socket: binding it (dual-stack on the
/// IPv6 wildcard), and rebuilding it after a failure with doubling backoff, reported rate-limited so
/// a dead socket never warns in a loop.
/// </summary>
internal sealed class SocketRebuilder(TimeSpan firstDelay)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private readonly FailureStreak _failures = new(TimeSpan.FromMinutes(1));

    /// <summary>Failures in a row since the socket last worked.</summary>
    public int Attempt { get; private set; }

    /// <summary>The socket works again: the next failure starts from the first delay.</summary>
    public void Healthy() => Attempt = 0;

    /// <summary>True once after failures that were reported, so the rebuild can be reported too.</summary>
    public bool Recovered() => _failures.Recovered();

    /// <summary>
    /// Reports the failure through <paramref name="report"/> (given how many were suppressed) unless
    /// rate-limited, then waits out the backoff; cancellation ends the wait without throwing.
    /// </summary>
    public async Task FailedAsync(Action<int> report, CancellationToken cancellationToken)
    {
        if (_failures.ShouldLog(out var suppressed))
            report(suppressed);
        await Task.Delay(Delay(++Attempt), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>A socket of <paramref name="type"/> bound to the address and port, listening when <paramref name="backlog"/> is given.</summary>
    public static Socket Bind(IPAddress address, int port, SocketType type, ProtocolType protocol, int? backlog = null)
    {
        var socket = new Socket(address.AddressFamily, type, protocol);
        try
        {
            if (address.Equals(IPAddress.IPv6Any))
                socket.DualMode = true;
            socket.Bind(new IPEndPoint(address, port));
            if (backlog is { } pending)
                socket.Listen(pending);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private TimeSpan Delay(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxDelay.TotalMilliseconds, firstDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 10))));
}
