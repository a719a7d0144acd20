using System.Text;

namespace Linkwatch.Shared.Kinds.Udp;

/// <summary>Options of the <c>udp</c> kind.</summary>
public sealed record UdpOptions
{
    /// <summary>The kind's descriptor. Mesh checks target the responder's UDP echo.</summary>
    public static CheckKind<UdpOptions> Descriptor { get; } = new(CheckKinds.Udp, TargetForm.HostPort, Read) { MeshPortOf = ports => ports.UdpEcho };

    /// <summary>Short and recognisable in a packet capture; the responder echoes it back.</summary>
    public const string DefaultPayload = "linkwatch";
    // One datagram without fragmentation on any sane path; larger tests belong to other tools.
    public const int MaxPayloadBytes = 1400;

    public string Payload { get; init; } = DefaultPayload;
    /// <summary>Text the reply must contain; null accepts any reply.</summary>
    public string? Expect { get; init; }

    public static UdpOptions Read(CheckOptionReader reader)
    {
        var options = new UdpOptions
        {
            Payload = reader.GetNonEmptyString("payload") ?? DefaultPayload,
            Expect = reader.GetNonEmptyString("expect"),
        };
        if (Encoding.UTF8.GetByteCount(options.Payload) > MaxPayloadBytes)
            reader.AddError("payload", $"payload must be at most {MaxPayloadBytes} bytes");
        return options;
    }
}
