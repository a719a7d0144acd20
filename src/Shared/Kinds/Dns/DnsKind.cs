namespace Linkwatch.Shared.Kinds.Dns;

/// <summary>The <c>dns</c> kind: a name, asked of one server (whose address decides the family).</summary>
public sealed class DnsKind : CheckKind<DnsOptions>
{
    /// <inheritdoc/>
    public override string Name => CheckKinds.Dns;

    /// <inheritdoc/>
    public override TargetForm TargetForm => TargetForm.Name;

    /// <inheritdoc/>
    public override bool TakesFamily => false;

    /// <inheritdoc/>
    public override DnsOptions ReadOptions(CheckOptionReader reader) => DnsOptions.Read(reader);
}
