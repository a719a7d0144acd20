using System.Net.NetworkInformation;

namespace Linkwatch.Agent.Net;

/// <summary>
/// The host's network state at one moment: which interfaces are up, their addresses (with prefix) and,
/// on Linux, the IPv4 and IPv6 routes. Two snapshots diffed give the network events.
/// </summary>
public sealed record NetworkSnapshot
{
    /// <summary>Interface name -> operationally up. The loopback interface is left out.</summary>
    public IReadOnlyDictionary<string, bool> Interfaces { get; init; } = new Dictionary<string, bool>();
    /// <summary>(interface, <c>address/prefix</c>).</summary>
    public IReadOnlySet<NetworkItem> Addresses { get; init; } = new HashSet<NetworkItem>();
    /// <summary>(interface, route as <see cref="RouteTable"/> writes it).</summary>
    public IReadOnlySet<NetworkItem> Routes { get; init; } = new HashSet<NetworkItem>();

    public static readonly NetworkSnapshot Empty = new();

    /// <summary>Reads the current state. Route files that do not exist (not Linux) give no routes.</summary>
    public static NetworkSnapshot Capture()
    {
        var interfaces = new Dictionary<string, bool>(StringComparer.Ordinal);
        var addresses = new HashSet<NetworkItem>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                continue;
            interfaces[nic.Name] = nic.OperationalStatus == OperationalStatus.Up;
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                    addresses.Add(new NetworkItem(nic.Name, $"{unicast.Address}/{unicast.PrefixLength}"));
            }
        }
        var routes = new HashSet<NetworkItem>();
        routes.UnionWith(RouteTable.ParseIpv4(ReadOrEmpty("/proc/net/route")));
        routes.UnionWith(RouteTable.ParseIpv6(ReadOrEmpty("/proc/net/ipv6_route")));
        return new NetworkSnapshot { Interfaces = interfaces, Addresses = addresses, Routes = routes };
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : "";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}

/// <summary>One address or route, with the interface it belongs to.</summary>
public readonly record struct NetworkItem(string Interface, string Value);
