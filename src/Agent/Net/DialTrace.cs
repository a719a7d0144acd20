namespace Linkwatch.Agent.Net;

/// <summary>
/// What a dial has done so far. Callers that may be cancelled mid-dial (an HTTP client's
/// connect callback) read it afterwards to tell which phase the deadline interrupted.
/// </summary>
public sealed class DialTrace
{
    public DialStage Stage { get; internal set; }
    public double? ResolveMs { get; internal set; }
    public double? ConnectMs { get; internal set; }
    /// <summary>The address being tried or connected to.</summary>
    public IPAddress? Address { get; internal set; }
    /// <summary>The finished dial, when it finished (success or failure).</summary>
    public DialResult? Result { get; internal set; }
    /// <summary>Stopwatch timestamp at which the connect completed.</summary>
    public long ConnectedAt { get; internal set; }

    private long _bytesSent;
    private long _bytesReceived;

    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    internal void AddSent(long count) => Interlocked.Add(ref _bytesSent, count);
    internal void AddReceived(long count) => Interlocked.Add(ref _bytesReceived, count);
}
