namespace Linkwatch.Shared;

/// <summary>A change of the agent host's own network: an address, a route or an interface state.</summary>
public sealed record NetworkEvent
{
    /// <summary>Client-generated, time-ordered (UUIDv7); the server stores each id once.</summary>
    public required Guid Id { get; init; }
    /// <summary>When the agent saw the change, on its clock (UTC).</summary>
    public required DateTimeOffset At { get; init; }
    /// <summary>A name from <see cref="NetworkEventKinds"/>.</summary>
    public required string Kind { get; init; }
    /// <summary>The interface name, when the change belongs to one.</summary>
    public string? Interface { get; init; }
    /// <summary>The address with its prefix (<c>2001:db8::5/64</c>) or the route (<c>10.0.0.0/8 via 192.0.2.1</c>).</summary>
    public string? Detail { get; init; }
}
