namespace Linkwatch.Shared;

/// <summary>
/// What one run of a check found. This is the shape <c>linkwatch-agent check --json</c> prints.
/// </summary>
public sealed record CheckOutcome
{
    public required string Kind { get; init; }
    public required string Target { get; init; }
    /// <summary><c>up</c>, <c>degraded</c> or <c>down</c>.</summary>
    public required string Status { get; init; }
    /// <summary>A verdict name from <see cref="Verdicts"/>.</summary>
    public required string Verdict { get; init; }
    /// <summary>One human-readable line.</summary>
    public string? Message { get; init; }
    /// <summary>One attempt per address family tried (two with <c>family: both</c>).</summary>
    public IReadOnlyList<AttemptResult> Attempts { get; init; } = [];
}
