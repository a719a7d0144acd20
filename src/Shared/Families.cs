namespace Linkwatch.Shared;

/// <summary>Address family choices of a connection check.</summary>
public static class Families
{
    /// <summary>The resolver's order with fallback, like a browser.</summary>
    public const string Auto = "auto";
    public const string Ipv4 = "ipv4";
    public const string Ipv6 = "ipv6";
    /// <summary>Both families as separate attempts at the same time, each with its own verdict.</summary>
    public const string Both = "both";

    public static readonly IReadOnlyList<string> All = [Auto, Ipv4, Ipv6, Both];

    public static bool IsKnown(string? family) => family is not null && All.Contains(family, StringComparer.Ordinal);
}
