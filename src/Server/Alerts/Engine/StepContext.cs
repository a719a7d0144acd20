using Linkwatch.Server.Platform.Store;

namespace Linkwatch.Server.Alerts.Engine;

/// <summary>Everything one evaluation of one alert key needs.</summary>
public sealed record StepContext(
    CompiledRule Rule, CheckInfo Check, AlertKey Key, string? AgentName, SeriesCounter Counter, IReadOnlyList<Silence> Silences,
    IReadOnlyList<ActiveWindow> Windows, long Now)
{
    /// <summary>An active maintenance window covers this alert: openings and reminders wait until it ends.</summary>
    public bool InMaintenance => ActiveWindow.AnyActive(Windows, DateTimeOffset.FromUnixTimeMilliseconds(Now), Check.Id, Check.Labels, AgentName);
}
