namespace Linkwatch.Server.Alerts.Engine;

/// <summary>The parts of a check the engine needs.</summary>
public sealed record CheckInfo(long Id, string Name, IReadOnlyDictionary<string, string> Labels, int IntervalSeconds);
