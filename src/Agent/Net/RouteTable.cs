using System.Globalization;
using System.Numerics;

namespace Linkwatch.Agent.Net;

/// <summary>
/// Parses Linux's <c>/proc/net/route</c> and <c>/proc/net/ipv6_route</c> into routes written like
/// <c>ip route</c> does: <c>default via 192.0.2.1 metric 100</c>, <c>10.0.0.0/8</c>. Only the columns
/// that define a route are read (the use and reference counters change all the time). Routes on the
/// loopback interface are skipped: they mirror the host's own addresses, which are reported as such.
/// </summary>
public static class RouteTable
{
    private const int RtfUp = 0x1;

    public static IEnumerable<NetworkItem> ParseIpv4(string text)
    {
        foreach (var line in text.Split('\n').Skip(1))
        {
            var f = line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8 || f[0] == "lo")
                continue;
            if (!TryHex(f[1], out var destination) || !TryHex(f[2], out var gateway) || !TryHex(f[3], out var flags)
                || !TryHex(f[7], out var mask) || (flags & RtfUp) == 0)
                continue;
            if (!int.TryParse(f[6], NumberStyles.None, CultureInfo.InvariantCulture, out var metric))
                continue;
            // The kernel prints the addresses as host-order hex of network-order bytes (little-endian here).
            var prefix = BitOperations.PopCount(mask);
            var dest = prefix == 0 ? "default" : $"{Ipv4(destination)}/{prefix}";
            yield return new NetworkItem(f[0], Format(dest, gateway == 0 ? null : Ipv4(gateway), metric));
        }
    }

    public static IEnumerable<NetworkItem> ParseIpv6(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 10 || f[9] == "lo" || f[0].Length != 32 || f[4].Length != 32)
                continue;
            if (!int.TryParse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var prefix)
                || !TryHex(f[5], out var metric) || !TryHex(f[8], out var flags) || (flags & RtfUp) == 0)
                continue;
            var destination = Ipv6(f[0]);
            var nextHop = Ipv6(f[4]);
            if (destination is null || nextHop is null)
                continue;
            var dest = prefix == 0 ? "default" : $"{destination}/{prefix}";
            yield return new NetworkItem(f[9], Format(dest, nextHop.Equals(IPAddress.IPv6Any) ? null : nextHop.ToString(), (int)metric));
        }
    }

    private static string Format(string destination, string? via, int metric) =>
        (via is null ? destination : $"{destination} via {via}") + (metric == 0 ? "" : $" metric {metric}");

    private static bool TryHex(string text, out uint value) =>
        uint.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value);

    private static string Ipv4(uint littleEndian) =>
        new IPAddress([(byte)littleEndian, (byte)(littleEndian >> 8), (byte)(littleEndian >> 16), (byte)(littleEndian >> 24)]).ToString();

    private static IPAddress? Ipv6(string hex)
    {
        try
        {
            return new IPAddress(Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
