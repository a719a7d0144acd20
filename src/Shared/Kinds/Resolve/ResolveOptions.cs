namespace Linkwatch.Shared.Kinds.Resolve;

/// <summary>Options of the <c>resolve</c> kind: none; the name and the system resolver are the whole check.</summary>
public sealed record ResolveOptions
{
    public static ResolveOptions Read(CheckOptionReader reader) => new();
}
