namespace Linkwatch.Server.Platform.Limits;

/// <summary>The connection limits in effect, worked out once at start from <see cref="LimitsOptions"/> and the descriptor limit.</summary>
public sealed record ConnectionBudget(int MaxConnections, int MaxAnonymousConnections, int AnonymousPerAddress, TimeSpan AnonymousQueue,
    long? DescriptorLimit, bool DescriptorLimitRaised)
{
    /// <summary>
    /// Configured values win while they fit under the descriptor limit less its reserve; a configured total above it is
    /// lowered to it, since past it accept() fails and the process is at the mercy of whoever holds the descriptors.
    /// </summary>
    public static ConnectionBudget From(LimitsOptions options, (long Soft, long Hard, bool Raised)? descriptors)
    {
        var ceiling = descriptors is { } d ? (int)Math.Clamp(d.Soft - FileDescriptors.Reserve(d.Soft), 16, 1_000_000) : 100_000;
        var max = options.MaxConnections > 0 ? Math.Min(options.MaxConnections, ceiling) : ceiling;
        var anonymous = options.MaxAnonymousConnections > 0 ? Math.Min(options.MaxAnonymousConnections, max) : Math.Max(1, max * 3 / 4);
        return new ConnectionBudget(max, anonymous, options.AnonymousConnectionsPerAddress, TimeSpan.FromSeconds(options.AnonymousQueueSeconds),
            descriptors?.Soft, descriptors?.Raised ?? false);
    }
}
