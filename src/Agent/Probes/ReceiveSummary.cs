namespace Linkwatch.Agent.Probes;

/// <summary>How a read to the end of a TCP stream ended, and what it saw on the way.</summary>
public sealed record ReceiveSummary
{
    public long Count { get; init; }
    /// <summary>SHA-256 of everything received.</summary>
    public required byte[] Sha256 { get; init; }
    /// <summary>The first bytes received, up to the limit the caller asked to keep.</summary>
    public required byte[] Kept { get; init; }
    /// <summary>Stopwatch timestamp of the first byte; 0 when none came.</summary>
    public long FirstByteAt { get; init; }
    /// <summary>Stopwatch timestamp at which the stream ended (FIN, RST) or the deadline fired.</summary>
    public long EndedAt { get; init; }
    /// <summary>The error that ended the stream (a reset); null for a clean FIN or a timeout.</summary>
    public SocketError? Error { get; init; }
    /// <summary>The deadline fired before the stream ended.</summary>
    public bool TimedOut { get; init; }

    public bool CleanEnd => Error is null && !TimedOut;
}
