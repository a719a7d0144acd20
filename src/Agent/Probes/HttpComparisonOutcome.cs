namespace Linkwatch.Agent.Probes;

/// <summary>What the HTTP side of a <c>compareHttp</c> check saw: whether HTTP works, and a line for the message.</summary>
internal sealed record HttpComparisonOutcome(bool Works, string Description);
