namespace Linkwatch.Server.Platform.Limits;

/// <summary>The connection limits in effect, worked out once at start from <see cref="LimitsOptions"/> and the descriptor limit.</summary>
public sealed record ConnectionBudget(int MaxConnections, int MaxAnonymousConnections, int AnonymousPerAddress, TimeSpan AnonymousQueue,
    long? DescriptorLimit, bool DescriptorLimitRaised)
{
    /// <summary>
    /// New connections of one address that may wait for a place at once: a quarter of its places, enough for agents
    /// starting together behind one address, while the address's places and waiters stay under half the anonymous
    /// total, so one address never crowds out the others.
    /// </summary>
    public int AnonymousQueueLength => Math.Max(1, AnonymousPerAddress / 4);

    /// <summary>
    /// Configured values win while they fit under the descriptor limit less its reserve; a configured total above it is
    /// lowered to it, since past it accept() fails and the process is at the mercy of whoever holds the descriptors.
    /// One address gets at most two fifths of the anonymous total.
    /// </summary>
    public static ConnectionBudget From(LimitsOptions options, (long Soft, long Hard, bool Raised)? descriptors)
    {
        var ceiling = descriptors is { } d ? (int)Math.Clamp(d.Soft - FileDescriptors.Reserve(d.Soft), 16, 1_000_000) : 100_000;
        var max = options.MaxConnections > 0 ? Math.Min(options.MaxConnections, ceiling) : ceiling;
        var anonymous = options.MaxAnonymousConnections > 0 ? Math.Min(options.MaxAnonymousConnections, max) : Math.Max(1, max * 3 / 4);
        var perAddress = Math.Min(options.AnonymousConnectionsPerAddress, Math.Max(1, anonymous * 2 / 5));
        return new ConnectionBudget(max, anonymous, perAddress, TimeSpan.FromSeconds(options.AnonymousQueueSeconds),
            descriptors?.Soft, descriptors?.Raised ?? false);
    }
}
