namespace Linkwatch.Server.Platform.Store;

/// <summary>A configured check. Times are unix milliseconds (UTC).</summary>
public sealed class Check
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public required string Target { get; set; }
    public int IntervalSeconds { get; set; }
    public double TimeoutSeconds { get; set; }
    public string Family { get; set; } = Families.Auto;
    public bool Enabled { get; set; } = true;
    /// <summary>JSON object: the kind's options by their camelCase names.</summary>
    public string Options { get; set; } = "{}";
    /// <summary>JSON array of agent names; empty means every agent.</summary>
    public string Agents { get; set; } = "[]";
    /// <summary>JSON object of string labels.</summary>
    public string Labels { get; set; } = "{}";
    /// <summary>Whether its badges (<c>/badge/{id}/...</c>) answer without the check being on a public status page.</summary>
    public bool Badges { get; set; }
    /// <summary>
    /// A push check's secret, the last part of its push URL; null for every other kind. A secret: never logged, shown
    /// to editors and admins only.
    /// </summary>
    public string? PushToken { get; set; }
    /// <summary>JSON array of parent check ids: while a parent is down for an agent, the agent's alerts for this check are held.</summary>
    public string DependsOn { get; set; } = "[]";
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
}
