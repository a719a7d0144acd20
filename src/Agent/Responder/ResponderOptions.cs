using System.Net;

namespace Linkwatch.Agent.Responder;

/// <summary>
/// Where the responder listens. The default ports are documented (docs/responder.md) so other
/// agents and firewalls can be set up for them; the server's embedded agent uses its own set
/// so a standalone agent on the same host still starts.
/// </summary>
public sealed record ResponderOptions
{
    public const int DefaultTcpEchoPort = 7650;
    public const int DefaultHttpHealthPort = 7654;
    public const int EmbeddedTcpEchoPort = 7660;
    public const int EmbeddedHttpHealthPort = 7664;

    /// <summary>The address to listen on; IPv6 any listens on both families.</summary>
    public IPAddress Address { get; init; } = IPAddress.IPv6Any;
    public int TcpEchoPort { get; init; } = DefaultTcpEchoPort;
    public int HttpHealthPort { get; init; } = DefaultHttpHealthPort;

    public static ResponderOptions Embedded(IPAddress address) => new()
    {
        Address = address,
        TcpEchoPort = EmbeddedTcpEchoPort,
        HttpHealthPort = EmbeddedHttpHealthPort,
    };
}
