namespace Linkwatch.Server.Alerts;

/// <summary>The parts of a check the engine needs.</summary>
public sealed record CheckInfo(long Id, string Name, IReadOnlyDictionary<string, string> Labels, int IntervalSeconds);
