namespace Linkwatch.Agent.Probes;

/// <summary>A validated check, ready to run: its probe, parsed target and typed options.</summary>
public sealed record PreparedCheck(CheckRequest Request, IProbe Probe, ParsedTarget Target, object Options)
{
    /// <summary>The common latency limit of connection kinds, in milliseconds; null without one.</summary>
    public int? MaxLatencyMs { get; init; }
}
