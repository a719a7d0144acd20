namespace Linkwatch.Agent.Probes;

/// <summary>Options of the <c>icmp</c> kind.</summary>
public sealed record IcmpOptions
{
    /// <summary>Three, like a quick <c>ping -c 3</c>: enough to see loss without a long run.</summary>
    public const int DefaultCount = 3;

    public int Count { get; init; } = DefaultCount;

    public static IcmpOptions Read(ProbeOptionReader reader) => new()
    {
        Count = reader.GetInt("count", 1, 100) ?? DefaultCount,
    };
}
