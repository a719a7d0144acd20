using Linkwatch.Server.Store;

namespace Linkwatch.Server.Alerts;

/// <summary>Everything one evaluation of one alert key needs.</summary>
public sealed record StepContext(
    CompiledRule Rule, CheckInfo Check, AlertKey Key, string? AgentName, SeriesCounter Counter, IReadOnlyList<Silence> Silences, long Now);
