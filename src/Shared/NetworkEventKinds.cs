namespace Linkwatch.Shared;

/// <summary>Network event kinds. They are a contract: the API, storage and the dashboard use them.</summary>
public static class NetworkEventKinds
{
    public const string AddressAdded = "address_added";
    public const string AddressRemoved = "address_removed";
    public const string RouteAdded = "route_added";
    public const string RouteRemoved = "route_removed";
    public const string InterfaceUp = "interface_up";
    public const string InterfaceDown = "interface_down";

    public static readonly IReadOnlyList<string> All =
        [AddressAdded, AddressRemoved, RouteAdded, RouteRemoved, InterfaceUp, InterfaceDown];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);
}
