namespace Linkwatch.Shared.Kinds.Icmp;

/// <summary>Options of the <c>icmp</c> kind.</summary>
public sealed record IcmpOptions
{
    /// <summary>The kind's descriptor. ICMP has no port, so there is no mesh target.</summary>
    public static CheckKind<IcmpOptions> Descriptor { get; } = new(CheckKinds.Icmp, TargetForm.Name, Read);

    /// <summary>Three, like a quick <c>ping -c 3</c>: enough to see loss without a long run.</summary>
    public const int DefaultCount = 3;

    public int Count { get; init; } = DefaultCount;

    public static IcmpOptions Read(CheckOptionReader reader) => new()
    {
        Count = reader.GetInt("count", 1, 100) ?? DefaultCount,
    };
}
