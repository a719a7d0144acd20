namespace Linkwatch.Agent.Net;

/// <summary>Maps between the contract's family names and socket address families.</summary>
public static class AddressFamilies
{
    /// <summary><c>ipv4</c> or <c>ipv6</c> for an address (IPv4-mapped IPv6 counts as IPv4).</summary>
    public static string NameOf(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6 ? Families.Ipv6 : Families.Ipv4;

    /// <summary>Whether <paramref name="address"/> may be used for <paramref name="family"/> (auto takes any).</summary>
    public static bool Matches(IPAddress address, string family) =>
        family is Families.Auto or Families.Both || NameOf(address) == family;

    /// <summary>The text form used in results: no scope for loopback, brackets never.</summary>
    public static string Format(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();

    /// <summary><c>addr:port</c> with brackets around IPv6, for messages.</summary>
    public static string FormatEndPoint(IPAddress address, int port) =>
        NameOf(address) == Families.Ipv6 ? $"[{Format(address)}]:{port}" : $"{Format(address)}:{port}";
}
