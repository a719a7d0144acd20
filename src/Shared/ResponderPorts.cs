using Linkwatch.Shared.Kinds;

namespace Linkwatch.Shared;

/// <summary>
/// The ports an agent's responder is bound to, as it reports them in <see cref="AgentHello"/>. A null
/// port is a service that is not running (port taken, or not served yet).
/// </summary>
public sealed record ResponderPorts
{
    /// <summary>Target of mesh <c>tcp</c> checks.</summary>
    public int? TcpEcho { get; init; }
    /// <summary>Target of mesh <c>half-close</c> checks.</summary>
    public int? HalfCloseEcho { get; init; }
    /// <summary>Target of mesh <c>udp</c> checks.</summary>
    public int? UdpEcho { get; init; }
    /// <summary>Target of mesh <c>close-propagation</c> checks.</summary>
    public int? CloseAfter { get; init; }
    /// <summary>Target of mesh <c>http</c> checks (<c>http://ADDR:PORT/</c>).</summary>
    public int? Http { get; init; }
    /// <summary>Target of mesh <c>websocket</c> checks (<c>ws://ADDR:PORT/</c>).</summary>
    public int? WebSocketEcho { get; init; }

    /// <summary>The responder port that a mesh check of <paramref name="kind"/> targets, when it runs.</summary>
    public int? ForKind(string kind) =>
        (CheckKindCatalog.TryGet(kind, out var descriptor) ? descriptor.MeshPort(this) : null) is int port and > 0 and <= 65535 ? port : null;
}
