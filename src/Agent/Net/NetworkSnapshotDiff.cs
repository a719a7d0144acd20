namespace Linkwatch.Agent.Net;

/// <summary>The network events between two snapshots: a pure function, so it is tested without a network.</summary>
public static class NetworkSnapshotDiff
{
    /// <summary>
    /// Removals first (routes, addresses, interfaces going down), then additions (interfaces coming up,
    /// addresses, routes), each group sorted, so one change reads in the order it happened on the host.
    /// An interface that disappears while up is <c>interface_down</c>; one that appears up is <c>interface_up</c>.
    /// </summary>
    public static List<NetworkEvent> Diff(NetworkSnapshot before, NetworkSnapshot after, DateTimeOffset at)
    {
        var events = new List<NetworkEvent>();
        void Add(string kind, string? iface, string? detail) => events.Add(new NetworkEvent
        {
            Id = Guid.CreateVersion7(at),
            At = at,
            Kind = kind,
            Interface = iface,
            Detail = detail,
        });

        foreach (var r in Sorted(before.Routes.Except(after.Routes)))
            Add(NetworkEventKinds.RouteRemoved, r.Interface, r.Value);
        foreach (var a in Sorted(before.Addresses.Except(after.Addresses)))
            Add(NetworkEventKinds.AddressRemoved, a.Interface, a.Value);
        foreach (var (name, up) in before.Interfaces.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            if (up && !(after.Interfaces.TryGetValue(name, out var nowUp) && nowUp))
                Add(NetworkEventKinds.InterfaceDown, name, null);
        }
        foreach (var (name, up) in after.Interfaces.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            if (up && !(before.Interfaces.TryGetValue(name, out var wasUp) && wasUp))
                Add(NetworkEventKinds.InterfaceUp, name, null);
        }
        foreach (var a in Sorted(after.Addresses.Except(before.Addresses)))
            Add(NetworkEventKinds.AddressAdded, a.Interface, a.Value);
        foreach (var r in Sorted(after.Routes.Except(before.Routes)))
            Add(NetworkEventKinds.RouteAdded, r.Interface, r.Value);
        return events;
    }

    private static IEnumerable<NetworkItem> Sorted(IEnumerable<NetworkItem> items) =>
        items.OrderBy(i => i.Interface, StringComparer.Ordinal).ThenBy(i => i.Value, StringComparer.Ordinal);
}
