using System.Text.Json.Serialization;

namespace Linkwatch.Server.StatusPages;

/// <summary>What a status page shows, and nothing else about the installation (no targets, no addresses; agents only by choice).</summary>
public sealed record StatusSummary(
    string Slug, string Title, string? Description, DateTimeOffset UpdatedAt, List<StatusNotice> Notices,
    List<StatusMaintenance> Maintenance, List<StatusGroupView> Groups)
{
    [JsonIgnore] public bool Public { get; init; }

    /// <summary>When this summary was read from the store (it is served for up to <see cref="StatusPageCache.MaxAge"/>).</summary>
    [JsonIgnore] public DateTimeOffset BuiltAt { get; init; }
}

public sealed record StatusMaintenance(string Name, DateTimeOffset? Start, DateTimeOffset? End);

public sealed record StatusGroupView(string Name, List<StatusCheck> Checks);

/// <summary>One check: its public status (<c>up</c>, <c>degraded</c>, <c>down</c>, or <c>unknown</c> without a result in 24 h).</summary>
public sealed record StatusCheck(
    long Id, string Name, string Status, Dictionary<string, double?> Uptime, List<StatusDay> Daily,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<StatusAgent>? Agents);

public sealed record StatusDay(string Date, double? Uptime);

public sealed record StatusAgent(string Name, string Status);
