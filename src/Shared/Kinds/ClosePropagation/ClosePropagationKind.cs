namespace Linkwatch.Shared.Kinds.ClosePropagation;

/// <summary>The <c>close-propagation</c> kind: host:port, any family; mesh checks target the responder's close-after service.</summary>
public sealed class ClosePropagationKind : CheckKind<ClosePropagationOptions>
{
    /// <inheritdoc/>
    public override string Name => CheckKinds.ClosePropagation;

    /// <inheritdoc/>
    public override TargetForm TargetForm => TargetForm.HostPort;

    /// <inheritdoc/>
    public override int? MeshPort(ResponderPorts ports) => ports.CloseAfter;

    /// <inheritdoc/>
    public override ClosePropagationOptions ReadOptions(CheckOptionReader reader) => ClosePropagationOptions.Read(reader);
}
