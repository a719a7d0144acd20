namespace Linkwatch.Shared;

/// <summary>One attempt of a check: one address family, one address.</summary>
public sealed record AttemptResult
{
    /// <summary><c>ipv4</c>, <c>ipv6</c>, or null when no address was reached.</summary>
    public string? Family { get; init; }
    /// <summary>The address connected to, when any.</summary>
    public string? Address { get; init; }
    public required string Status { get; init; }
    public required string Verdict { get; init; }
    /// <summary>Phase timings in milliseconds, keyed by the names in <see cref="Shared.Phases"/>.</summary>
    public Dictionary<string, double> Phases { get; init; } = [];
    public long BytesSent { get; init; }
    public long BytesReceived { get; init; }
    public string? Error { get; init; }
}
