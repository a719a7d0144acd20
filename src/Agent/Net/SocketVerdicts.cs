namespace Linkwatch.Agent.Net;

/// <summary>Maps socket errors to the contract's verdicts, so every probe names failures alike.</summary>
public static class SocketVerdicts
{
    /// <summary>The verdict for a socket error raised while connecting.</summary>
    public static string ForConnect(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => Verdicts.ConnectRefused,
        SocketError.TimedOut => Verdicts.ConnectTimeout,
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown
            or SocketError.HostDown or SocketError.AddressNotAvailable => Verdicts.Unreachable,
        SocketError.ConnectionReset or SocketError.ConnectionAborted => Verdicts.Reset,
        _ => Verdicts.Error,
    };

    /// <summary>The verdict for a socket error raised after the connection was up.</summary>
    public static string ForTransfer(SocketError error) => error switch
    {
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => Verdicts.Reset,
        SocketError.TimedOut => Verdicts.Timeout,
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown
            or SocketError.HostDown => Verdicts.Unreachable,
        _ => Verdicts.Error,
    };

    /// <summary>A short lower-case description for messages, e.g. "connection refused".</summary>
    public static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.TimedOut => "timed out",
        SocketError.HostUnreachable => "host unreachable",
        SocketError.NetworkUnreachable => "network unreachable",
        SocketError.NetworkDown => "network down",
        SocketError.HostDown => "host down",
        SocketError.AddressNotAvailable => "address not available",
        SocketError.ConnectionReset => "connection reset",
        SocketError.ConnectionAborted => "connection aborted",
        SocketError.HostNotFound => "name not found",
        SocketError.NoData => "name has no addresses",
        SocketError.TryAgain => "temporary resolver failure",
        _ => error.ToString(),
    };

    /// <summary>Finds a socket error among an exception and its inner exceptions.</summary>
    public static SocketException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException se)
                return se;
        }
        return null;
    }
}
