using System.Text.Json;

namespace Linkwatch.Shared;

/// <summary>One check the server asks an agent to run.</summary>
public sealed record CheckAssignment
{
    public required long CheckId { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required string Target { get; init; }
    public required int IntervalSeconds { get; init; }
    public required double TimeoutSeconds { get; init; }
    public string Family { get; init; } = Families.Auto;
    /// <summary>The kind's options by their camelCase names.</summary>
    public Dictionary<string, JsonElement>? Options { get; init; }

    /// <summary>
    /// For a mesh check (<c>@all</c>, <c>@NAME</c>) expanded by the server: the name of the agent whose
    /// responder <see cref="Target"/> points at. One check yields one assignment per peer, so an
    /// assignment is identified by (<see cref="CheckId"/>, <see cref="Peer"/>). Null for ordinary checks.
    /// </summary>
    public string? Peer { get; init; }
}
