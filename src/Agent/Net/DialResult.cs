namespace Linkwatch.Agent.Net;

/// <summary>
/// The outcome of one dial: a connected socket, or a verdict saying why there is none.
/// The caller owns <see cref="Socket"/>.
/// </summary>
public sealed record DialResult
{
    public Socket? Socket { get; init; }
    /// <summary><see cref="Verdicts.Ok"/> when connected, else the failure (or <see cref="Verdicts.NoAddress"/>).</summary>
    public required string Verdict { get; init; }
    public string? Error { get; init; }
    /// <summary><c>ipv4</c> or <c>ipv6</c> of the address connected to or last tried.</summary>
    public string? Family { get; init; }
    public IPAddress? Address { get; init; }
    /// <summary>Every address the name resolved to, before family filtering.</summary>
    public IReadOnlyList<IPAddress> Resolved { get; init; } = [];
    /// <summary>Null when no resolution was needed (an IP literal).</summary>
    public double? ResolveMs { get; init; }
    /// <summary>Time of the successful connect, or of the failed attempts.</summary>
    public double? ConnectMs { get; init; }

    public bool Connected => Socket is not null;
}
