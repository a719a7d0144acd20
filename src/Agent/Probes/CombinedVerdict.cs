namespace Linkwatch.Agent.Probes;

/// <summary>A check's overall status and verdict, derived from its attempts.</summary>
public sealed record CombinedVerdict(string Status, string Verdict);
