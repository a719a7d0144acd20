namespace Linkwatch.Shared.Kinds.Resolve;

/// <summary>The <c>resolve</c> kind: a name, resolved in every family the system resolver answers for.</summary>
public sealed class ResolveKind : CheckKind<ResolveOptions>
{
    /// <inheritdoc/>
    public override string Name => CheckKinds.Resolve;

    /// <inheritdoc/>
    public override TargetForm TargetForm => TargetForm.Name;

    /// <inheritdoc/>
    public override bool TakesFamily => false;

    /// <inheritdoc/>
    public override ResolveOptions ReadOptions(CheckOptionReader reader) => ResolveOptions.Read(reader);
}
