namespace Linkwatch.Shared.Kinds;

/// <summary>Base of the kind descriptors, with the options record typed so no caller casts.</summary>
/// <typeparam name="TOptions">The kind's options record.</typeparam>
public abstract class CheckKind<TOptions> : ICheckKind where TOptions : class
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract TargetForm TargetForm { get; }

    /// <inheritdoc/>
    public virtual bool TakesFamily => true;

    /// <inheritdoc/>
    public virtual int? MeshPort(ResponderPorts ports) => null;

    /// <summary>Reads and validates the kind's options; errors go to <paramref name="reader"/>.</summary>
    public abstract TOptions ReadOptions(CheckOptionReader reader);

    object ICheckKind.ReadOptions(CheckOptionReader reader) => ReadOptions(reader);
}
