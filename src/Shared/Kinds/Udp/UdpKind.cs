namespace Linkwatch.Shared.Kinds.Udp;

/// <summary>The <c>udp</c> kind: host:port, any family; mesh checks target the responder's UDP echo.</summary>
public sealed class UdpKind : CheckKind<UdpOptions>
{
    /// <inheritdoc/>
    public override string Name => CheckKinds.Udp;

    /// <inheritdoc/>
    public override TargetForm TargetForm => TargetForm.HostPort;

    /// <inheritdoc/>
    public override int? MeshPort(ResponderPorts ports) => ports.UdpEcho;

    /// <inheritdoc/>
    public override UdpOptions ReadOptions(CheckOptionReader reader) => UdpOptions.Read(reader);
}
