namespace Linkwatch.Agent.Responder;

/// <summary>
/// Where the responder listens. The default ports are documented (docs/responder.md) so other
/// agents and firewalls can be set up for them; the server's embedded agent uses its own set
/// so a standalone agent on the same host still starts. Port 0 picks a free port (tests).
/// </summary>
public sealed record ResponderOptions
{
    public const int DefaultTcpEchoPort = 7650;
    public const int DefaultHalfClosePort = 7651;
    public const int DefaultUdpEchoPort = 7652;
    public const int DefaultCloseAfterPort = 7653;
    public const int DefaultHttpHealthPort = 7654;
    public const int DefaultWebSocketEchoPort = 7655;
    public const int EmbeddedTcpEchoPort = 7660;
    public const int EmbeddedHalfClosePort = 7661;
    public const int EmbeddedUdpEchoPort = 7662;
    public const int EmbeddedCloseAfterPort = 7663;
    public const int EmbeddedHttpHealthPort = 7664;
    public const int EmbeddedWebSocketEchoPort = 7665;

    /// <summary>The address to listen on; IPv6 any listens on both families.</summary>
    public IPAddress Address { get; init; } = IPAddress.IPv6Any;
    public int TcpEchoPort { get; init; } = DefaultTcpEchoPort;
    /// <summary>
    /// The half-close echo: it answers only after the peer's FIN (up to 2 MiB held back), so a proxy
    /// that drops the connection at the client's FIN loses the whole reply whatever the payload size.
    /// </summary>
    public int HalfClosePort { get; init; } = DefaultHalfClosePort;
    public int UdpEchoPort { get; init; } = DefaultUdpEchoPort;
    public int CloseAfterPort { get; init; } = DefaultCloseAfterPort;
    public int HttpHealthPort { get; init; } = DefaultHttpHealthPort;
    /// <summary>The WebSocket echo (RFC 6455, any path; messages up to 64 KiB).</summary>
    public int WebSocketEchoPort { get; init; } = DefaultWebSocketEchoPort;

    /// <summary>How long the close-after service holds a connection before closing it.</summary>
    public TimeSpan CloseAfter { get; init; } = TimeSpan.FromMilliseconds(1000);
    /// <summary>
    /// Datagrams per second the UDP echo answers per source address (a token bucket with a burst
    /// of the same size): enough for any monitor, too little to be a useful reflector.
    /// </summary>
    public int UdpEchoRatePerSource { get; init; } = 50;

    public static ResponderOptions Embedded(IPAddress address) => new()
    {
        Address = address,
        TcpEchoPort = EmbeddedTcpEchoPort,
        HalfClosePort = EmbeddedHalfClosePort,
        UdpEchoPort = EmbeddedUdpEchoPort,
        CloseAfterPort = EmbeddedCloseAfterPort,
        HttpHealthPort = EmbeddedHttpHealthPort,
        WebSocketEchoPort = EmbeddedWebSocketEchoPort,
    };

    /// <summary>How many consecutive ports the services take from a base port.</summary>
    public const int PortCount = 6;

    /// <summary>
    /// The services on <paramref name="portBase"/> .. <paramref name="portBase"/>+5 in the documented order
    /// (tcp echo, half-close echo, udp echo, close-after, http, websocket echo): for several agents on one host.
    /// </summary>
    public static ResponderOptions FromPortBase(IPAddress address, int portBase) => new()
    {
        Address = address,
        TcpEchoPort = portBase,
        HalfClosePort = portBase + 1,
        UdpEchoPort = portBase + 2,
        CloseAfterPort = portBase + 3,
        HttpHealthPort = portBase + 4,
        WebSocketEchoPort = portBase + 5,
    };

    /// <summary>Every service on a free port of <paramref name="address"/>: for tests.</summary>
    public static ResponderOptions Ephemeral(IPAddress address) => new()
    {
        Address = address,
        TcpEchoPort = 0,
        HalfClosePort = 0,
        UdpEchoPort = 0,
        CloseAfterPort = 0,
        HttpHealthPort = 0,
        WebSocketEchoPort = 0,
    };
}
