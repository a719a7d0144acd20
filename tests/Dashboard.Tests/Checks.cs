using Linkwatch.Server.Dashboard;

namespace Linkwatch.Dashboard.Tests;

/// <summary>Overview rows as the query service would load them.</summary>
internal static class Checks
{
    public static CheckGroup Group(long id, string name, string target, IReadOnlyDictionary<string, string>? labels = null, params string[] agents) =>
        new(id, name, "tcp", target, agents.Select(a => new CheckAgentRow(a, true,
            new LatestResult(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "up", "ok", 1.5, null))).ToList())
        {
            Labels = labels ?? new Dictionary<string, string>(),
        };

    public static readonly IReadOnlyList<CheckGroup> Sample =
    [
        Group(1, "web", "example.org:443", new Dictionary<string, string> { ["env"] = "prod", ["site"] = "ams" }, "edge-1", "edge-2"),
        Group(2, "db", "10.0.0.5:5432", new Dictionary<string, string> { ["env"] = "staging" }, "edge-1"),
        Group(3, "dns", "resolver.lan", null, "core-1"),
    ];
}
