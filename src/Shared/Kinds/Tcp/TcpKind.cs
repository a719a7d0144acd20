namespace Linkwatch.Shared.Kinds.Tcp;

/// <summary>The <c>tcp</c> kind: host:port, any family; mesh checks target the responder's TCP echo.</summary>
public sealed class TcpKind : CheckKind<TcpOptions>
{
    /// <inheritdoc/>
    public override string Name => CheckKinds.Tcp;

    /// <inheritdoc/>
    public override TargetForm TargetForm => TargetForm.HostPort;

    /// <inheritdoc/>
    public override int? MeshPort(ResponderPorts ports) => ports.TcpEcho;

    /// <inheritdoc/>
    public override TcpOptions ReadOptions(CheckOptionReader reader) => TcpOptions.Read(reader);
}
