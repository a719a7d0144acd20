namespace Linkwatch.Shared.Kinds.Tcp;

/// <summary>Options of the <c>tcp</c> kind: none yet; connecting is the whole check.</summary>
public sealed record TcpOptions
{
    /// <summary>The kind's descriptor. Mesh checks target the responder's TCP echo.</summary>
    public static CheckKind<TcpOptions> Descriptor { get; } = new(CheckKinds.Tcp, TargetForm.HostPort, Read) { MeshPortOf = ports => ports.TcpEcho };

    public static TcpOptions Read(CheckOptionReader reader) => new();
}
