namespace Linkwatch.Shared.Kinds;

/// <summary>
/// One kind's descriptor, with its options record typed so no caller casts. Each kind's options record
/// holds its descriptor (<c>TcpOptions.Descriptor</c>), so a kind is its folder and nothing else in Shared.
/// </summary>
/// <typeparam name="TOptions">The kind's options record.</typeparam>
/// <param name="name">The kind name from <see cref="CheckKinds"/>.</param>
/// <param name="targetForm">What the target is.</param>
/// <param name="read">Reads and validates the options; errors go to the reader.</param>
public sealed class CheckKind<TOptions>(string name, TargetForm targetForm, Func<CheckOptionReader, TOptions> read)
    : ICheckKind where TOptions : class
{
    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public TargetForm TargetForm { get; } = targetForm;

    /// <inheritdoc/>
    public bool TakesFamily { get; init; } = true;

    /// <summary>The responder port a mesh target points at; null for kinds the responder does not serve.</summary>
    public Func<ResponderPorts, int?>? MeshPortOf { get; init; }

    /// <inheritdoc/>
    public int? MeshPort(ResponderPorts ports) => MeshPortOf?.Invoke(ports);

    /// <summary>Reads and validates the kind's options; errors go to <paramref name="reader"/>.</summary>
    public TOptions ReadOptions(CheckOptionReader reader) => read(reader);

    object ICheckKind.ReadOptions(CheckOptionReader reader) => ReadOptions(reader);
}
