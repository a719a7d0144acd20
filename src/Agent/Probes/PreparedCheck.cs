namespace Linkwatch.Agent.Probes;

/// <summary>A validated check, ready to run: its probe, parsed target and typed options.</summary>
public sealed record PreparedCheck(CheckRequest Request, IProbe Probe, ParsedTarget Target, object Options);
