using System.Text;

namespace Linkwatch.Shared.Kinds.ClosePropagation;

/// <summary>Options of the <c>close-propagation</c> kind.</summary>
public sealed record ClosePropagationOptions
{
    /// <summary>The kind's descriptor. Mesh checks target the responder's close-after service.</summary>
    public static CheckKind<ClosePropagationOptions> Descriptor { get; } = new(CheckKinds.ClosePropagation, TargetForm.HostPort, Read) { MeshPortOf = ports => ports.CloseAfter };

    public const double DefaultDeadlineSeconds = 5;
    public const double MaxDeadlineSeconds = 300;

    /// <summary>Sent once connected; null sends nothing (a peer that closes on its own).</summary>
    public string? Payload { get; init; }
    /// <summary>How long the peer's close may take to arrive, counted from the end of the connect or send.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(DefaultDeadlineSeconds);

    public byte[] PayloadBytes => Payload is { } text ? Encoding.UTF8.GetBytes(text) : [];

    public static ClosePropagationOptions Read(CheckOptionReader reader) => new()
    {
        Payload = reader.GetNonEmptyString("payload"),
        Deadline = TimeSpan.FromSeconds(reader.GetSeconds("deadline", 0.001, MaxDeadlineSeconds) ?? DefaultDeadlineSeconds),
    };
}
