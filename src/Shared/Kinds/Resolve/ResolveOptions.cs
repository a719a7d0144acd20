namespace Linkwatch.Shared.Kinds.Resolve;

/// <summary>Options of the <c>resolve</c> kind: none; the name and the system resolver are the whole check.</summary>
public sealed record ResolveOptions
{
    /// <summary>The kind's descriptor. Resolves in every family the system resolver answers for, so it takes none.</summary>
    public static CheckKind<ResolveOptions> Descriptor { get; } = new(CheckKinds.Resolve, TargetForm.Name, Read) { TakesFamily = false };

    public static ResolveOptions Read(CheckOptionReader reader) => new();
}
