namespace Linkwatch.Server.Alerts.Engine;

/// <summary>The parts of a check the engine needs; <paramref name="DependsOn"/> are its parent checks.</summary>
public sealed record CheckInfo(long Id, string Name, IReadOnlyDictionary<string, string> Labels, int IntervalSeconds)
{
    public IReadOnlyList<long> DependsOn { get; init; } = [];
}
