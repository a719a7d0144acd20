namespace Linkwatch.Shared.Kinds.HalfClose;

/// <summary>The <c>half-close</c> kind: host:port, any family; mesh checks target the responder's half-close echo.</summary>
public sealed class HalfCloseKind : CheckKind<HalfCloseOptions>
{
    /// <inheritdoc/>
    public override string Name => CheckKinds.HalfClose;

    /// <inheritdoc/>
    public override TargetForm TargetForm => TargetForm.HostPort;

    /// <inheritdoc/>
    public override int? MeshPort(ResponderPorts ports) => ports.HalfCloseEcho;

    /// <inheritdoc/>
    public override HalfCloseOptions ReadOptions(CheckOptionReader reader) => HalfCloseOptions.Read(reader);
}
