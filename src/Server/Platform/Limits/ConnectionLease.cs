namespace Linkwatch.Server.Platform.Limits;

/// <summary>One open connection's place in the <see cref="ConnectionLimiter"/>: anonymous until a request on it authenticates.</summary>
public sealed class ConnectionLease
{
    internal ConnectionLease(ConnectionLimiter limiter, string connectionId, ConnectionLimiter.AddressSlots? slots)
    {
        Limiter = limiter;
        ConnectionId = connectionId;
        Slots = slots;
    }

    internal ConnectionLimiter Limiter { get; }

    public string ConnectionId { get; }

    /// <summary>The address's anonymous slots this connection holds one of; null once it is credentialed (or never counted per address).</summary>
    internal ConnectionLimiter.AddressSlots? Slots { get; set; }

    /// <summary>Whether this connection still counts as anonymous.</summary>
    public bool IsAnonymous { get; internal set; } = true;

    internal bool Released { get; set; }
}
