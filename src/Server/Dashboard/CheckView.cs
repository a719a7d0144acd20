namespace Linkwatch.Server.Dashboard;

/// <summary>A check's definition as the check page shows it.</summary>
public sealed record CheckView(
    long Id, string Name, string Kind, string Target, int IntervalSeconds, double TimeoutSeconds, string Family, bool Enabled,
    IReadOnlyList<string> Agents, IReadOnlyDictionary<string, string> Options, IReadOnlyDictionary<string, string> Labels);
