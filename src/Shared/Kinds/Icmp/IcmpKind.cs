namespace Linkwatch.Shared.Kinds.Icmp;

/// <summary>The <c>icmp</c> kind: a host name or address, any family; no responder port (ICMP has none).</summary>
public sealed class IcmpKind : CheckKind<IcmpOptions>
{
    /// <inheritdoc/>
    public override string Name => CheckKinds.Icmp;

    /// <inheritdoc/>
    public override TargetForm TargetForm => TargetForm.Name;

    /// <inheritdoc/>
    public override IcmpOptions ReadOptions(CheckOptionReader reader) => IcmpOptions.Read(reader);
}
