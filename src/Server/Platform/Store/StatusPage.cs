namespace Linkwatch.Server.Platform.Store;

/// <summary>
/// A public (or sign-in only) status page: groups of checks with their state and uptime, and notices.
/// <see cref="Groups"/> and <see cref="Notices"/> are JSON arrays (see StatusPages/StatusPageJson). Times are unix ms.
/// </summary>
public sealed class StatusPage
{
    public long Id { get; set; }
    /// <summary><c>[a-z0-9][a-z0-9-]{0,62}</c>, unique: the page's address is <c>/status/{slug}</c>.</summary>
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    /// <summary>Shown without sign-in; a page that is not is 404 to anonymous visitors.</summary>
    public bool Public { get; set; } = true;
    /// <summary>Whether the page names the agents and their state per check.</summary>
    public bool ShowAgents { get; set; }
    public string Groups { get; set; } = "[]";
    public string Notices { get; set; } = "[]";
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
}
