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
    /// <summary>
    /// Recorded by the server, never accepted from an agent: two processes used this agent's identity at once (a copied
    /// data directory, a cloned host); the newest connection won and the replaced process was told to stop.
    /// </summary>
    public const string IdentityConflict = "identity_conflict";

    public static readonly IReadOnlyList<string> All =
        [AddressAdded, AddressRemoved, RouteAdded, RouteRemoved, InterfaceUp, InterfaceDown, IdentityConflict];

    /// <summary>The kinds an agent reports about its host; the others are the server's own observations.</summary>
    public static readonly IReadOnlyList<string> FromAgents =
        [AddressAdded, AddressRemoved, RouteAdded, RouteRemoved, InterfaceUp, InterfaceDown];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);

    public static bool IsFromAgents(string? kind) => kind is not null && FromAgents.Contains(kind, StringComparer.Ordinal);
}
