using Linkwatch.Agent.Net;
using Linkwatch.Shared;

namespace Linkwatch.Agent.Tests.Unit;

public sealed class NetworkSnapshotDiffTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static NetworkSnapshot Snapshot(Dictionary<string, bool> interfaces, NetworkItem[] addresses, NetworkItem[] routes) =>
        new() { Interfaces = interfaces, Addresses = addresses.ToHashSet(), Routes = routes.ToHashSet() };

    [Fact]
    public void Identical_snapshots_give_no_events()
    {
        var s = Snapshot(new() { ["eth0"] = true }, [new("eth0", "192.0.2.5/24")], [new("eth0", "default via 192.0.2.1")]);

        Assert.Empty(NetworkSnapshotDiff.Diff(s, s with { }, At));
    }

    [Fact]
    public void Ipv6_address_churn_and_a_route_change_become_removals_then_additions()
    {
        var before = Snapshot(new() { ["eth0"] = true, ["wlan0"] = true },
            [new("eth0", "192.0.2.5/24"), new("eth0", "2001:db8::5/64")],
            [new("eth0", "default via fe80::1 metric 1024"), new("eth0", "2001:db8::/64 metric 256")]);
        var after = Snapshot(new() { ["eth0"] = true, ["wlan0"] = false, ["wg0"] = true },
            [new("eth0", "192.0.2.5/24"), new("eth0", "2001:db8::6/64"), new("wg0", "10.8.0.2/24")],
            [new("eth0", "default via fe80::2 metric 1024"), new("eth0", "2001:db8::/64 metric 256")]);

        var events = NetworkSnapshotDiff.Diff(before, after, At);

        Assert.Equal(
        [
            (NetworkEventKinds.RouteRemoved, "eth0", "default via fe80::1 metric 1024"),
            (NetworkEventKinds.AddressRemoved, "eth0", "2001:db8::5/64"),
            (NetworkEventKinds.InterfaceDown, "wlan0", null),
            (NetworkEventKinds.InterfaceUp, "wg0", null),
            (NetworkEventKinds.AddressAdded, "eth0", "2001:db8::6/64"),
            (NetworkEventKinds.AddressAdded, "wg0", "10.8.0.2/24"),
            (NetworkEventKinds.RouteAdded, "eth0", "default via fe80::2 metric 1024"),
        ], events.Select(e => (e.Kind, e.Interface, e.Detail)));
        Assert.All(events, e => Assert.Equal(At, e.At));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.All(events, e => Assert.Equal(7, e.Id.Version));
    }

    [Fact]
    public void An_interface_that_vanishes_while_up_is_down_and_one_that_appears_down_is_nothing()
    {
        var before = Snapshot(new() { ["usb0"] = true }, [], []);
        var after = Snapshot(new() { ["eth1"] = false }, [], []);

        var events = NetworkSnapshotDiff.Diff(before, after, At);

        Assert.Equal([(NetworkEventKinds.InterfaceDown, "usb0")], events.Select(e => (e.Kind, e.Interface)));
    }

    [Fact]
    public void Proc_route_tables_parse_into_ip_route_style_routes_without_the_changing_counters()
    {
        const string v4 = """
            Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
            eth0	00000000	010200C0	0003	0	0	100	00000000	0	0	0
            eth0	000200C0	00000000	0001	0	0	0	00FFFFFF	0	0	0
            eth0	0000000A	00000000	0000	0	0	0	000000FF	0	0	0
            lo	0000007F	00000000	0001	0	0	0	000000FF	0	0	0
            """;
        const string v6 =
            "20010db8000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000002 00000007 00000001     eth0\n" +
            "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000003 00000000 00000003     eth0\n" +
            "00000000000000000000000000000001 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000000 00000004 00000000 80200001       lo\n";

        Assert.Equal(
            [new NetworkItem("eth0", "default via 192.0.2.1 metric 100"), new NetworkItem("eth0", "192.0.2.0/24")],
            RouteTable.ParseIpv4(v4));
        Assert.Equal(
            [new NetworkItem("eth0", "2001:db8::/64 metric 256"), new NetworkItem("eth0", "default via fe80::1 metric 1024")],
            RouteTable.ParseIpv6(v6));
    }
}
