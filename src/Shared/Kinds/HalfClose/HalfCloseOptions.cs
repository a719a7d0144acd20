namespace Linkwatch.Shared.Kinds.HalfClose;

/// <summary>Options of the <c>half-close</c> kind.</summary>
public sealed record HalfCloseOptions
{
    /// <summary>The kind's descriptor. Mesh checks target the responder's half-close echo.</summary>
    public static CheckKind<HalfCloseOptions> Descriptor { get; } = new(CheckKinds.HalfClose, TargetForm.HostPort, Read) { MeshPortOf = ports => ports.HalfCloseEcho };

    /// <summary>1 MiB: large enough to outlast socket buffers, so a proxy that cuts transfers short shows.</summary>
    public const int DefaultPayloadBytes = 1024 * 1024;
    public const int MaxPayloadBytes = 64 * 1024 * 1024;

    /// <summary>Size of the random payload, when no literal payload is given.</summary>
    public int PayloadBytes { get; init; } = DefaultPayloadBytes;
    /// <summary>A literal payload (UTF-8) instead of random bytes.</summary>
    public string? Payload { get; init; }
    /// <summary>Text the reply must contain, instead of being the payload echoed back.</summary>
    public string? Expect { get; init; }

    public static HalfCloseOptions Read(CheckOptionReader reader)
    {
        var size = reader.GetInt("payloadBytes", 1, MaxPayloadBytes);
        var options = new HalfCloseOptions
        {
            PayloadBytes = size ?? DefaultPayloadBytes,
            Payload = reader.GetNonEmptyString("payload"),
            Expect = reader.GetNonEmptyString("expect"),
        };
        if (size is not null && options.Payload is not null)
            reader.AddError("payloadBytes", "payloadBytes and payload exclude each other");
        return options;
    }
}
